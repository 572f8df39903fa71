using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// A computation's in-memory tables as <see cref="IngestEngine"/> reads and writes them: calls
/// by the hash of their id, results by the hash of their call's id, sessions by id, and the
/// counters. A struct, so that the engine is compiled for it with these methods inlined.
/// </summary>
internal readonly struct ComputationLedger(
    CallTable calls,
    Dictionary<UInt128, AppointmentResult> results,
    Dictionary<string, OperatorSession> sessions,
    SeriesCounters counters,
    SlotSpan span) : IIngestLedger<ComputedCall>
{
    public bool TryAddCall(in ComputedCall call, out ComputedCall stored)
    {
        ref var entry = ref calls.GetOrAdd(call.IdHash, out var exists);
        if (!exists)
        {
            entry = call.Counted;
            stored = default;
            return true;
        }

        stored = ComputedCall.Kept(call.IdHash, entry);
        return false;
    }

    // Replacements are rare (a revision): a second look-up costs less than carrying a reference.
    public void ReplaceCall(in ComputedCall call) => calls.GetOrAdd(call.IdHash, out _) = call.Counted;

    public bool TryFindCall(string callId, out ComputedCall call)
    {
        var hash = CallIdHash.Of(callId);
        var found = calls.TryGetValue(hash, out var counted);
        call = ComputedCall.Kept(hash, counted);
        return found;
    }

    public bool IsSale(in ComputedCall call) =>
        results.Count != 0 && results.TryGetValue(call.IdHash, out var result) && result.IsSale;

    public AppointmentResult? FindResult(string callId) => results.GetValueOrDefault(CallIdHash.Of(callId));

    public void PutResult(AppointmentResult result) => results[CallIdHash.Of(result.CallId)] = result;

    public OperatorSession? FindSession(string sessionId) => sessions.GetValueOrDefault(sessionId);

    public void PutSession(OperatorSession session) => sessions[session.SessionId] = session;

    public void AddToRollup(in ComputedCall call, in KpiCounters counts)
    {
        var slot = call.Counted.Slot;
        if (call.Column >= 0)
        {
            counters.Add(call.Counted.Series, call.Column, call.SlotOfDay, counts);
        }
        else
        {
            counters.Add(call.Counted.Series, slot, counts);
        }

        span.Widen(slot);
    }

    public void AddToRollup(SeriesKey series, long slot, in KpiCounters counts)
    {
        counters.Add(counters.IndexOf(series), slot, counts);
        span.Widen(slot);
    }
}
