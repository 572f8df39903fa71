using System.Buffers;
using System.IO.Hashing;
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
/// KPIs of records held only in memory, for one stream: the same validation, ingest rules
/// (<see cref="IngestEngine"/>), 15-minute rollups and <see cref="KpiQueryEngine"/> as stored
/// data, and nothing written anywhere. Not thread-safe: one stream feeds it in order.
/// </summary>
/// <remarks>
/// Memory: each distinct call_id costs one 48-byte entry (a 128-bit hash of the id as key and
/// a 32-byte <see cref="CountedCall"/>) in a table kept between 3/8 and 3/4 full, so 64 to 128
/// bytes a call, and one and a half times the table while it doubles: about 800 MB for 10
/// million distinct calls, in native memory released by <see cref="Dispose"/>. The ids
/// themselves are not kept. Results and sessions, far fewer, are kept whole.
/// </remarks>
public sealed class KpiComputation : IDisposable
{
    /// <summary>
    /// The most calls the table is sized for up front (800 MB), whatever a client expects:
    /// past it, the table grows as calls arrive.
    /// </summary>
    public const int MaxExpectedCalls = 12_000_000;

    /// <summary>The most distinct campaign, operator and team ids one batch of calls can refer to, plus one: indexes fit in 21 bits.</summary>
    public const int MaxBatchIds = 1 << 21;

    /// <summary>How many calls ahead the table entry and counters are prefetched: enough to cover a memory load.</summary>
    private const int PrefetchDistance = 8;

    private readonly RecordValidator _validator;
    private readonly BenchmarkCatalog _benchmarks;
    private readonly CallTable _calls;
    private readonly SeriesCounters _counters = new();
    private readonly SlotSpan _span = new();
    private readonly ComputationLedger _ledger;
    private readonly BatchPlan _plan;
    private bool _computed;

    /// <param name="expectedCalls">
    /// Calls to size the table for up front (capped at <see cref="MaxExpectedCalls"/>): growing a
    /// table of millions (each doubling copies it whole) costs as much as counting them.
    /// </param>
    public KpiComputation(RecordValidator validator, BenchmarkCatalog benchmarks, int expectedCalls = 0)
    {
        _validator = validator;
        _benchmarks = benchmarks;
        _calls = new CallTable(Math.Clamp(expectedCalls, 0, MaxExpectedCalls));
        _ledger = new ComputationLedger(_calls, [], new Dictionary<string, OperatorSession>(StringComparer.Ordinal), _counters, _span);
        _plan = new BatchPlan(_counters);
    }

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
    /// column reads inlined rather than called through the interface.
    /// </remarks>
    public BatchResult AddCalls<TCalls>(TCalls calls)
        where TCalls : ICallColumns
    {
        CheckBatchSize(calls.Count);
        var now = _validator.Now;
        var plan = _plan;
        plan.Plan(calls, new BatchIds(calls.Ids), now);
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
            var violation = series >= 0 && IsPlainId(callId) && IsPlainOptionalId(leadId)
                ? _validator.ValidateCallFacts(startedAt, outcome, talkSeconds, removal, revision, now)
                : _validator.Validate(BatchPlan.ToRecord(calls, index), now);
            if (violation is not null)
            {
                tally.Reject(index, Encoding.UTF8.GetString(callId), violation);
                continue;
            }

            if (series < 0)
            {
                // Valid after the full check although its ids are not plain (an id that starts with a space...).
                series = plan.SeriesOf(calls, index);
            }

            var talk = KpiCounters.ToMilliseconds(talkSeconds);
            var content = new CallContent<int, long>(series, (long)XxHash3.HashToUInt64(leadId), startedAt.UtcTicks, outcome, talk, removal);
            var counted = new CountedCall(CallFingerprint.Of(content), series, (int)plan.Slots[index], (int)talk, revision, outcome, removal);
            tally.Add(IngestEngine.ApplyCall(_ledger, new ComputedCall(plan.Hashes[index], counted, plan.Columns[index], plan.SlotsOfDay[index])));
        }

        var result = tally.ToResult();
        CallTotals.Add(result);
        return result;
    }

    /// <summary>Validates and counts calls held as records.</summary>
    public BatchResult AddCalls(IReadOnlyList<CallRecord> calls) => AddCalls(new CallRecordColumns(calls));

    public BatchResult AddResults(IReadOnlyList<AppointmentResult> results) =>
        AddEach(results, ResultTotals, _validator.Validate, static result => result.CallId, IngestEngine.ApplyResult<ComputationLedger, ComputedCall>);

    public BatchResult AddSessions(IReadOnlyList<OperatorSession> sessions) =>
        AddEach(sessions, SessionTotals, _validator.Validate, static session => session.SessionId, IngestEngine.ApplySession<ComputationLedger, ComputedCall>);

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
        var from = query.From ?? (_span.IsEmpty ? null : TimeBuckets.StartOf(_span.First));
        var to = query.To ?? (_span.IsEmpty ? null : TimeBuckets.StartOf(_span.End));
        var derived = query.From is null || query.To is null;
        if (from is not { } start || to is not { } end || (derived && end <= start))
        {
            // No data to take a missing bound from, or none on the side of the given bound.
            return new ComputeResult(from, to, []);
        }

        var index = new RollupIndex();
        _counters.CopyTo(index);
        var groups = await new KpiQueryEngine(index, _benchmarks).QueryAsync(query.ToKpiQuery(start, end), cancellationToken).ConfigureAwait(false);
        return new ComputeResult(start, end, groups);
    }

    /// <summary>Releases the call table (native memory, hundreds of megabytes for millions of calls) now rather than at finalization.</summary>
    public void Dispose() => _calls.Dispose();

    /// <summary>Validates a batch of results or sessions record by record and applies each valid one.</summary>
    private BatchResult AddEach<T>(
        IReadOnlyList<T> records, RecordTotals totals, Func<T, RecordViolation?> validate, Func<T, string> idOf, Func<ComputationLedger, T, IngestOutcome> apply)
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

            tally.Add(apply(_ledger, records[index]));
        }

        var batch = tally.ToResult();
        totals.Add(batch);
        return batch;
    }

    /// <summary>
    /// A call_id certainly valid without decoding it: a plain optional id (below) starting with a
    /// visible ASCII character (so not blank). Anything else takes the full check.
    /// </summary>
    private static bool IsPlainId(ReadOnlySpan<byte> utf8) =>
        utf8.Length > 0 && utf8[0] is > 0x20 and < 0x7F && IsPlainOptionalId(utf8);

    /// <summary>
    /// A lead_id certainly valid without decoding it: at most 200 bytes (so at most 200 code
    /// points), printable ASCII (the common case, one range check) or at least none of
    /// <see cref="NotPlainBytes"/> (so no control character).
    /// </summary>
    private static bool IsPlainOptionalId(ReadOnlySpan<byte> utf8) =>
        utf8.Length <= RecordValidator.MaxIdLength
        && (!utf8.ContainsAnyExceptInRange((byte)0x20, (byte)0x7E) || !utf8.ContainsAny(NotPlainBytes));

    /// <summary>
    /// The UTF-8 bytes of the control characters the validator refuses: C0 and DEL are single
    /// bytes, C1 (U+0080-U+009F) starts with 0xC2, as do the rarely used U+00A0-U+00BF, which
    /// merely take the full check.
    /// </summary>
    private static readonly SearchValues<byte> NotPlainBytes = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), 0x7F, 0xC2]);

    private static void CheckBatchSize(int count)
    {
        if (count > KpiIngestor.MaxBatchSize)
        {
            throw new BatchTooLargeException(count, KpiIngestor.MaxBatchSize);
        }
    }
}
