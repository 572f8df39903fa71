using System.IO.Hashing;
using System.Runtime.InteropServices;
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
/// Memory: each distinct call_id costs one table entry of about 60 bytes (a 128-bit hash of
/// the id as key, a 32-byte <see cref="CountedCall"/>, the table's own links and buckets), and
/// up to twice that while the table doubles: about 600 MB for 10 million distinct calls. The
/// ids themselves are not kept. Results and sessions, far fewer, are kept whole.
/// </remarks>
public sealed class KpiComputation(RecordValidator validator, BenchmarkCatalog benchmarks)
{
    /// <summary>Steady-state bytes per distinct call, as documented in the contract.</summary>
    public const int BytesPerDistinctCall = 60;

    private readonly Dictionary<UInt128, CountedCall> _calls = [];
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

    /// <summary>Validates and counts a batch of calls, read one by one through <paramref name="read"/>.</summary>
    public BatchResult AddCalls<TSource>(TSource source, int count, CallReader<TSource> read)
    {
        CheckBatchSize(count);
        var tally = new BatchTally();
        for (var index = 0; index < count; index++)
        {
            var call = read(source, index);
            if (validator.Validate(call) is { } violation)
            {
                tally.Reject(index, call.CallId, violation);
                continue;
            }

            tally.Add(AddValidCall(call));
        }

        var result = tally.ToResult();
        CallTotals.Add(result);
        return result;
    }

    public BatchResult AddResults(IReadOnlyList<AppointmentResult> results)
    {
        CheckBatchSize(results.Count);
        var tally = new BatchTally();
        for (var index = 0; index < results.Count; index++)
        {
            var result = results[index];
            if (validator.Validate(result) is { } violation)
            {
                tally.Reject(index, result.CallId, violation);
                continue;
            }

            _results.TryGetValue(result.CallId, out var stored);
            var outcome = IngestRules.Decide(stored, result);
            if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
            {
                _results[result.CallId] = result;
            }

            tally.Add(outcome);
        }

        var batch = tally.ToResult();
        ResultTotals.Add(batch);
        return batch;
    }

    public BatchResult AddSessions(IReadOnlyList<OperatorSession> sessions)
    {
        CheckBatchSize(sessions.Count);
        var tally = new BatchTally();
        for (var index = 0; index < sessions.Count; index++)
        {
            var session = sessions[index];
            if (validator.Validate(session) is { } violation)
            {
                tally.Reject(index, session.SessionId, violation);
                continue;
            }

            _sessions.TryGetValue(session.SessionId, out var stored);
            var outcome = IngestRules.Decide(stored, session);
            if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
            {
                _sessions[session.SessionId] = session;
                if (stored is not null)
                {
                    AddLoggedTime(stored, -1);
                }

                AddLoggedTime(session, +1);
            }

            tally.Add(outcome);
        }

        var batch = tally.ToResult();
        SessionTotals.Add(batch);
        return batch;
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

    private IngestOutcome AddValidCall(in CallValues call)
    {
        var slot = TimeBuckets.SlotOf(call.StartedAt);
        var series = _counters.IndexOf(call.CampaignId, call.TeamId, call.OperatorId);
        var talk = KpiCounters.ToMilliseconds(call.TalkSeconds);
        var counted = new CountedCall(Fingerprint(call, series, talk), series, (int)slot, (int)talk, call.Revision, call.Outcome, call.RemovalRequested);

        ref var stored = ref CollectionsMarshal.GetValueRefOrAddDefault(_calls, IdHash(call.CallId), out var exists);
        var outcome = !exists ? IngestOutcome.Accepted
            : call.Revision < stored.Revision ? IngestOutcome.Stale
            : call.Revision > stored.Revision ? IngestOutcome.Replaced
            : counted.Fingerprint == stored.Fingerprint ? IngestOutcome.Duplicate
            : IngestOutcome.Replaced;
        if (outcome == IngestOutcome.Replaced)
        {
            // Sales are added once at the end, from the final calls: counts here carry none.
            _counters.Subtract(stored.Series, stored.Slot, KpiCounters.FromCall(stored.Outcome, stored.RemovalRequested, stored.TalkMilliseconds / 1000.0, isSale: false));
        }

        if (outcome is IngestOutcome.Accepted or IngestOutcome.Replaced)
        {
            stored = counted;
            _counters.Add(series, slot, KpiCounters.FromCall(call.Outcome, call.RemovalRequested, call.TalkSeconds, isSale: false));
            Widen(slot, slot + 1);
        }

        return outcome;
    }

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
    private static UInt128 IdHash(string callId) => XxHash128.HashToUInt128(MemoryMarshal.AsBytes(callId.AsSpan()));

    /// <summary>What <see cref="IngestRules.SameContent"/> compares, revision aside, hashed to 64 bits.</summary>
    private static long Fingerprint(in CallValues call, int series, long talkMilliseconds)
    {
        Span<long> parts =
        [
            series,
            call.StartedAt.UtcTicks,
            (long)call.Outcome | (call.RemovalRequested ? 1L << 32 : 0),
            talkMilliseconds,
            (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(call.LeadId.AsSpan())),
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

/// <summary>Reads the call at <paramref name="index"/> of a batch without allocating (e.g. from a proto message).</summary>
public delegate CallValues CallReader<in TSource>(TSource source, int index);
