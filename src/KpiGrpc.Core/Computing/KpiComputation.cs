using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Validation;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// KPIs of records held only in memory, for one stream: the same validation, idempotency rules
/// (<see cref="IngestRules"/>), 15-minute rollups and <see cref="KpiQueryEngine"/> as stored
/// data, and nothing written anywhere. Not thread-safe: one stream feeds it in order.
/// </summary>
/// <remarks>
/// Memory: each distinct call_id costs one 48-byte entry (a 128-bit hash of the id as key and
/// a 32-byte <see cref="CountedCall"/>) in a table kept between 3/8 and 3/4 full, so 64 to 128
/// bytes a call, and one and a half times the table while it doubles: about 800 MB for 10
/// million distinct calls, in native memory released by <see cref="Dispose"/>. The ids
/// themselves are not kept. Results and sessions, far fewer, are kept whole.
/// </remarks>
public sealed class KpiComputation(RecordValidator validator, BenchmarkCatalog benchmarks, int expectedCalls = 0) : IDisposable
{
    /// <summary>
    /// The most calls the table is sized for up front (800 MB), whatever a client expects:
    /// past it, the table grows as calls arrive.
    /// </summary>
    public const int MaxExpectedCalls = 12_000_000;

    // Sized once when the client says how many calls to expect: growing a table of millions
    // (each doubling copies it whole) costs as much as counting them.
    private readonly CallTable _calls = new(Math.Clamp(expectedCalls, 0, MaxExpectedCalls));

    /// <summary>How many calls ahead the table entry and counters are prefetched: enough to cover a memory load.</summary>
    private const int PrefetchDistance = 8;

    /// <summary>The most distinct campaign, operator and team ids one batch of calls can refer to, plus one: indexes fit in 21 bits.</summary>
    public const int MaxBatchIds = 1 << 21;

    private readonly BatchPlan _plan = new();

    // (campaign, team, operator) indexes of the current batch -> series; cleared for each batch.
    private readonly Dictionary<long, int> _seriesOfBatch = [];

    // Per operator index of the current batch, the key and series of its previous call: an
    // operator mostly stays on one campaign and team, so most calls skip the dictionary.
    private (long Key, int Series)[] _seriesOfOperator = [];
    private readonly Dictionary<string, AppointmentResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OperatorSession> _sessions = new(StringComparer.Ordinal);
    private readonly SeriesCounters _counters = new();
    private long _firstSlot = long.MaxValue;
    private long _endSlot = long.MinValue;
    private bool _computed;

    public RecordTotals CallTotals { get; } = new();

    public RecordTotals ResultTotals { get; } = new();

    public RecordTotals SessionTotals { get; } = new();

    public int DistinctCalls => _calls.Count;

    /// <summary>
    /// Validates and counts a batch of calls. Each distinct campaign, operator and team id of the
    /// batch is checked once; a call whose own ids are not plainly valid is checked again whole by
    /// <see cref="RecordValidator.Validate(CallRecord, DateTimeOffset)"/>, so every rejection
    /// carries the validator's own message.
    /// </summary>
    /// <remarks>
    /// Generic so that a struct <typeparamref name="TCalls"/> gets its own compiled loop, with the
    /// column reads inlined rather than called through the interface (profiled: a tenth of the
    /// counting time on a stream of 10 million calls).
    /// </remarks>
    public BatchResult AddCalls<TCalls>(TCalls calls)
        where TCalls : ICallColumns
    {
        CheckBatchSize(calls.Count);
        var now = validator.Now;
        var ids = new BatchIds(calls.Ids);
        var plan = PlanBatch(calls, ids, now);
        var tally = new BatchTally();
        for (var index = 0; index < calls.Count; index++)
        {
            if (index + PrefetchDistance < calls.Count)
            {
                var ahead = index + PrefetchDistance;
                _calls.Prefetch(plan.Hashes[ahead]);
                if (plan.Columns[ahead] >= 0)
                {
                    _counters.Prefetch(plan.Series[ahead], plan.Columns[ahead], plan.SlotsOfDay[ahead]);
                }
            }

            var callId = calls.CallId(index);
            var leadId = calls.LeadId(index);
            var startedAt = plan.StartedAt[index];
            var outcome = calls.Outcome(index);
            var talkSeconds = calls.TalkSeconds(index);
            var removal = calls.RemovalRequested(index);
            var revision = calls.Revision(index);
            var series = plan.Series[index];
            var violation = series >= 0 && IsPlainId(callId) && leadId.Length <= RecordValidator.MaxIdLength
                ? validator.ValidateCallFacts(startedAt, outcome, talkSeconds, removal, revision, now)
                : validator.Validate(ToRecord(calls, index), now);
            if (violation is not null)
            {
                tally.Reject(index, Encoding.UTF8.GetString(callId), violation);
                continue;
            }

            if (series < 0)
            {
                // Valid after the full check although its ids are not plain (an id that starts with a space...).
                series = SeriesOf(calls, index);
            }

            var call = new CallFacts(startedAt, outcome, talkSeconds, removal, revision);
            var at = new CounterSlot(plan.Slots[index], plan.Columns[index], plan.SlotsOfDay[index]);
            tally.Add(AddValidCall(plan.Hashes[index], series, at, call, (long)XxHash3.HashToUInt64(leadId)));
        }

        var result = tally.ToResult();
        CallTotals.Add(result);
        return result;
    }

    /// <summary>Validates and counts calls held as records.</summary>
    public BatchResult AddCalls(IReadOnlyList<CallRecord> calls) => AddCalls(new CallRecordColumns(calls));

    public BatchResult AddResults(IReadOnlyList<AppointmentResult> results) =>
        AddEach(results, ResultTotals, validator.Validate, static result => result.CallId, StoreResult);

    public BatchResult AddSessions(IReadOnlyList<OperatorSession> sessions) =>
        AddEach(sessions, SessionTotals, validator.Validate, static session => session.SessionId, StoreSession);

    /// <summary>
    /// Validates a batch of results or sessions record by record, and stores each valid one
    /// through <paramref name="store"/>, which applies the ingest rules and says what happened.
    /// </summary>
    private static BatchResult AddEach<T>(
        IReadOnlyList<T> records, RecordTotals totals, Func<T, RecordViolation?> validate, Func<T, string> idOf, Func<T, IngestOutcome> store)
    {
        CheckBatchSize(records.Count);
        var tally = new BatchTally();
        for (var index = 0; index < records.Count; index++)
        {
            if (validate(records[index]) is { } violation)
            {
                tally.Reject(index, idOf(records[index]), violation);
                continue;
            }

            tally.Add(store(records[index]));
        }

        var batch = tally.ToResult();
        totals.Add(batch);
        return batch;
    }

    private IngestOutcome StoreResult(AppointmentResult result) =>
        Keep(_results, result.CallId, result, IngestRules.Decide, out _);

    private IngestOutcome StoreSession(OperatorSession session)
    {
        var outcome = Keep(_sessions, session.SessionId, session, IngestRules.Decide, out var replaced);
        if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
        {
            if (replaced is not null)
            {
                AddLoggedTime(replaced, -1);
            }

            AddLoggedTime(session, +1);
        }

        return outcome;
    }

    /// <summary>
    /// Applies the ingest rule <paramref name="decide"/> to a record kept by id: keeps it when it
    /// is accepted or replaces the one kept, which it gives back in <paramref name="replaced"/>.
    /// </summary>
    private static IngestOutcome Keep<T>(Dictionary<string, T> kept, string id, T incoming, Func<T?, T, IngestOutcome> decide, out T? replaced)
        where T : class
    {
        kept.TryGetValue(id, out var stored);
        var outcome = decide(stored, incoming);
        replaced = outcome == IngestOutcome.Replaced ? stored : null;
        if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
        {
            kept[id] = incoming;
        }

        return outcome;
    }

    /// <summary>
    /// The KPIs of everything added, as <see cref="KpiQueryEngine"/> answers them. Without bounds
    /// the range is the data's own, widened to 15-minute slots. Call once, after the last batch.
    /// </summary>
    public async Task<ComputeResult> ComputeAsync(ComputeQuery query, CancellationToken cancellationToken)
    {
        if (_computed)
        {
            throw new InvalidOperationException("A computation's result is computed once, after its last batch.");
        }

        _computed = true;
        var hasData = _firstSlot <= _endSlot;
        var from = query.From ?? (hasData ? TimeBuckets.StartOf(_firstSlot) : null);
        var to = query.To ?? (hasData ? TimeBuckets.StartOf(_endSlot) : null);
        var derived = query.From is null || query.To is null;
        if (from is not { } start || to is not { } end || (derived && end <= start))
        {
            // No data to take a missing bound from, or none on the side of the given bound.
            return new ComputeResult(from, to, []);
        }

        AddSales();
        var index = new RollupIndex();
        _counters.CopyTo(index);
        var groups = await new KpiQueryEngine(index, benchmarks).QueryAsync(query.ToKpiQuery(start, end), cancellationToken).ConfigureAwait(false);
        return new ComputeResult(start, end, groups);
    }

    /// <summary>Releases the call table (native memory, hundreds of megabytes for millions of calls) now rather than at finalization.</summary>
    public void Dispose() => _calls.Dispose();

    private IngestOutcome AddValidCall(UInt128 idHash, int series, CounterSlot at, in CallFacts call, long leadHash)
    {
        var slot = at.Slot;
        var talk = KpiCounters.ToMilliseconds(call.TalkSeconds);
        var counted = new CountedCall(Fingerprint(call, series, talk, leadHash), series, (int)slot, (int)talk, call.Revision, call.Outcome, call.RemovalRequested);

        ref var stored = ref _calls.GetOrAdd(idHash, out var exists);
        var outcome = exists
            ? IngestRules.DecideCall(stored.Revision, call.Revision, counted.Fingerprint == stored.Fingerprint)
            : IngestOutcome.Accepted;
        if (outcome == IngestOutcome.Replaced)
        {
            // Sales are added once at the end, from the final calls: counts here carry none.
            _counters.Subtract(stored.Series, stored.Slot, KpiCounters.FromCall(stored.Outcome, stored.RemovalRequested, stored.TalkMilliseconds / 1000.0, isSale: false));
        }

        if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
        {
            stored = counted;
            _counters.Add(series, at.Column, at.SlotOfDay, KpiCounters.FromCall(call.Outcome, call.RemovalRequested, call.TalkSeconds, isSale: false));
            Widen(slot, slot + 1);
        }

        return outcome;
    }

    /// <summary>
    /// A first pass over the batch: each call's id hash, series (-1 when its campaign, team or
    /// operator id needs the full check) and slot, so that the counting loop can prefetch the
    /// table entry and the counters of the calls a few places ahead of itself.
    /// </summary>
    private BatchPlan PlanBatch<TCalls>(TCalls calls, BatchIds ids, DateTimeOffset now)
        where TCalls : ICallColumns
    {
        _plan.EnsureCapacity(calls.Count);
        if (calls.Ids.Count >= MaxBatchIds)
        {
            throw new ArgumentException($"A batch of calls refers to at most {MaxBatchIds - 1} distinct ids, not {calls.Ids.Count}.", nameof(calls));
        }

        _seriesOfBatch.Clear();
        if (_seriesOfOperator.Length < calls.Ids.Count)
        {
            _seriesOfOperator = new (long, int)[Math.Max(calls.Ids.Count, _seriesOfOperator.Length * 2)];
        }

        _seriesOfOperator.AsSpan(0, calls.Ids.Count).Fill((-1, -1));
        for (var index = 0; index < calls.Count; index++)
        {
            _plan.Hashes[index] = IdHash(calls.CallId(index));
            int campaign = calls.CampaignIndex(index), team = calls.TeamIndex(index), @operator = calls.OperatorIndex(index);
            // The three indexes packed in one key (each below 2^21): cheaper to hash than a tuple.
            var key = ((long)campaign << 42) | ((long)(team + 1) << 21) | (long)@operator;
            ref var previous = ref _seriesOfOperator[@operator];
            if (previous.Key != key)
            {
                ref var series = ref CollectionsMarshal.GetValueRefOrAddDefault(_seriesOfBatch, key, out var known);
                if (!known)
                {
                    series = ids.AreValid(campaign, team, @operator) ? SeriesOf(calls, index) : -1;
                }

                previous = (key, series);
            }

            _plan.Series[index] = previous.Series;
            var startedAt = _plan.StartedAt[index] = calls.StartedAt(index);
            var slot = _plan.Slots[index] = TimeBuckets.SlotOf(startedAt);
            // Only instants the validator can accept get a day column: a file of garbage dates
            // must not grow the counters' day table (it is sized by the days it holds).
            (_plan.Columns[index], _plan.SlotsOfDay[index]) = RecordValidator.IsAcceptedInstant(startedAt, now) ? _counters.Locate(slot) : (-1, 0);
        }

        return _plan;
    }

    /// <summary>A call's slot, and where its counters live (<see cref="SeriesCounters.Locate"/>).</summary>
    private readonly record struct CounterSlot(long Slot, int Column, int SlotOfDay);

    /// <summary>The series of the call at <paramref name="index"/> (created on first use).</summary>
    private int SeriesOf<TCalls>(TCalls calls, int index)
        where TCalls : ICallColumns =>
        _counters.IndexOf(calls.Ids[calls.CampaignIndex(index)], TeamId(calls, index), calls.Ids[calls.OperatorIndex(index)]);

    private static string TeamId<TCalls>(TCalls calls, int index)
        where TCalls : ICallColumns => calls.TeamIndex(index) is var team and >= 0 ? calls.Ids[team] : "";

    /// <summary>The call at <paramref name="index"/> as a record: for the validator's full checks and messages.</summary>
    private static CallRecord ToRecord<TCalls>(TCalls calls, int index)
        where TCalls : ICallColumns =>
        new(
            Encoding.UTF8.GetString(calls.CallId(index)),
            calls.Ids[calls.CampaignIndex(index)],
            calls.Ids[calls.OperatorIndex(index)],
            TeamId(calls, index),
            Encoding.UTF8.GetString(calls.LeadId(index)),
            calls.StartedAt(index),
            calls.Outcome(index),
            calls.TalkSeconds(index),
            calls.RemovalRequested(index),
            calls.Revision(index));

    /// <summary>
    /// A call_id certainly valid without decoding it: 1 to 200 bytes (so at most 200 characters)
    /// starting with a visible ASCII character (so not blank). Anything else takes the full check.
    /// </summary>
    private static bool IsPlainId(ReadOnlySpan<byte> utf8) =>
        utf8.Length is > 0 and <= RecordValidator.MaxIdLength && utf8[0] is > 0x20 and < 0x7F;

    /// <summary>A sale counts on the final version of its call, if that is an appointment.</summary>
    private void AddSales()
    {
        foreach (var (callId, result) in _results)
        {
            if (result.IsSale && _calls.TryGetValue(IdHash(callId), out var call) && call.Outcome.IsAppointment())
            {
                _counters.Add(call.Series, call.Slot, KpiCounters.FromSales(1));
            }
        }
    }

    private void AddLoggedTime(OperatorSession session, int sign)
    {
        var series = _counters.IndexOf(session.CampaignId, session.TeamId, session.OperatorId);
        foreach (var (slot, duration) in TimeBuckets.Split(session.StartedAt, session.EndedAt))
        {
            var logged = KpiCounters.FromLoggedTime(duration);
            if (sign > 0)
            {
                _counters.Add(series, slot, logged);
            }
            else
            {
                _counters.Subtract(series, slot, logged);
            }
        }

        if (sign > 0)
        {
            Widen(TimeBuckets.SlotOf(session.StartedAt), TimeBuckets.SlotAtOrAfter(session.EndedAt));
        }
    }

    private void Widen(long firstSlot, long endSlot)
    {
        _firstSlot = Math.Min(_firstSlot, firstSlot);
        _endSlot = Math.Max(_endSlot, endSlot);
    }

    /// <summary>
    /// The call_id as a 128-bit hash: ids are not kept, and two different ids collide with a
    /// probability of about n^2 / 2^129 (1e-25 for 10 million calls).
    /// </summary>
    private static UInt128 IdHash(ReadOnlySpan<byte> utf8CallId) => XxHash128.HashToUInt128(utf8CallId);

    /// <summary>The hash of a call_id given as a string (an appointment result's): the same as from its UTF-8 bytes.</summary>
    private static UInt128 IdHash(string callId)
    {
        var length = Encoding.UTF8.GetMaxByteCount(callId.Length);
        Span<byte> utf8 = length <= 1024 ? stackalloc byte[length] : new byte[length];
        return IdHash(utf8[..Encoding.UTF8.GetBytes(callId, utf8)]);
    }

    /// <summary>What <see cref="IngestRules.SameContent"/> compares, revision aside, hashed to 64 bits.</summary>
    private static long Fingerprint(in CallFacts call, int series, long talkMilliseconds, long leadHash)
    {
        Span<long> parts =
        [
            series,
            call.StartedAt.UtcTicks,
            (long)call.Outcome | (call.RemovalRequested ? 1L << 32 : 0),
            talkMilliseconds,
            leadHash,
        ];
        return (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(parts));
    }

    private static void CheckBatchSize(int count)
    {
        if (count > KpiIngestor.MaxBatchSize)
        {
            throw new BatchTooLargeException(count, KpiIngestor.MaxBatchSize);
        }
    }
}
