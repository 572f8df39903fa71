using System.Diagnostics.CodeAnalysis;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Tests.Ingest;

/// <summary>
/// The smallest store <see cref="IngestEngine"/> can run on: records in dictionaries, rollup
/// changes in one <see cref="RollupDelta"/>. What a new store implements, minus durability.
/// </summary>
internal sealed class MemoryLedger : IIngestLedger<CallRecord>
{
    private readonly Dictionary<string, CallRecord> _calls = [];
    private readonly Dictionary<string, AppointmentResult> _results = [];
    private readonly Dictionary<string, OperatorSession> _sessions = [];

    public RollupDelta Delta { get; } = new();

    public IngestOutcome Apply(CallRecord call) => IngestEngine.ApplyCall(this, call);

    public IngestOutcome Apply(AppointmentResult result) => IngestEngine.ApplyResult<MemoryLedger, CallRecord>(this, result);

    public IngestOutcome Apply(OperatorSession session) => IngestEngine.ApplySession<MemoryLedger, CallRecord>(this, session);

    /// <summary>The summed counts of every series and slot.</summary>
    public KpiCounters Total => Delta.Changes.Aggregate(KpiCounters.Zero, (sum, change) => sum + change.Value);

    public bool TryAddCall(in CallRecord call, [MaybeNullWhen(true)] out CallRecord stored) =>
        !_calls.TryGetValue(call.CallId, out stored) && _calls.TryAdd(call.CallId, call);

    public void ReplaceCall(in CallRecord call) => _calls[call.CallId] = call;

    public bool TryFindCall(string callId, [MaybeNullWhen(false)] out CallRecord call) => _calls.TryGetValue(callId, out call);

    public bool IsSale(in CallRecord call) => _results.GetValueOrDefault(call.CallId)?.IsSale ?? false;

    public AppointmentResult? FindResult(string callId) => _results.GetValueOrDefault(callId);

    public void PutResult(AppointmentResult result) => _results[result.CallId] = result;

    public OperatorSession? FindSession(string sessionId) => _sessions.GetValueOrDefault(sessionId);

    public void PutSession(OperatorSession session) => _sessions[session.SessionId] = session;

    public void AddToRollup(in CallRecord call, in KpiCounters counts) => Delta.Add(call.Series, TimeBuckets.SlotOf(call.StartedAt), counts);

    public void AddToRollup(SeriesKey series, long slot, in KpiCounters counts) => Delta.Add(series, slot, counts);
}
