using System.Diagnostics.CodeAnalysis;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// The store's tables inside the open transaction, as <see cref="IngestEngine"/> reads and
/// writes them; the rollup changes gather in <see cref="RollupDelta"/>, written in the same
/// transaction and applied to the in-memory rollups after the commit.
/// </summary>
internal readonly struct SqliteLedger(CallTable calls, ResultTable results, SessionTable sessions, RollupDelta delta) : IIngestLedger<CallRecord>
{
    // One insert for a new call_id (the common case); a read only when the id is taken.
    public bool TryAddCall(in CallRecord call, [MaybeNullWhen(true)] out CallRecord stored)
    {
        if (calls.TryInsert(call))
        {
            stored = null;
            return true;
        }

        stored = calls.Find(call.CallId) ?? throw new InvalidOperationException($"call_id {call.CallId} was neither inserted nor found");
        return false;
    }

    public void ReplaceCall(in CallRecord call) => calls.Replace(call);

    public bool TryFindCall(string callId, [MaybeNullWhen(false)] out CallRecord call) => (call = calls.Find(callId)) is not null;

    public bool IsSale(in CallRecord call) => results.IsSale(call.CallId);

    public AppointmentResult? FindResult(string callId) => results.Find(callId);

    public void PutResult(AppointmentResult result) => results.Upsert(result);

    public OperatorSession? FindSession(string sessionId) => sessions.Find(sessionId);

    public void PutSession(OperatorSession session) => sessions.Upsert(session);

    public void AddToRollup(in CallRecord call, in KpiCounters counts) => delta.Add(call.Series, TimeBuckets.SlotOf(call.StartedAt), counts);

    public void AddToRollup(SeriesKey series, long slot, in KpiCounters counts) => delta.Add(series, slot, counts);
}
