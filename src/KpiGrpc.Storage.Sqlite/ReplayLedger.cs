using System.Diagnostics.CodeAnalysis;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// An empty ledger that the stored records are replayed into through <see cref="IngestEngine"/>,
/// calls first, then results, then sessions, to recompute the rollups they must add up to. The
/// stored records are one per id (the winners of every rule), so each arrives as a new record:
/// nothing needs remembering but the calls, which a result looks up where they are stored.
/// </summary>
internal readonly struct ReplayLedger(CallTable calls, RollupDelta delta) : IIngestLedger<CallRecord>
{
    public bool TryAddCall(in CallRecord call, [MaybeNullWhen(true)] out CallRecord stored)
    {
        stored = null;
        return true;
    }

    public void ReplaceCall(in CallRecord call) => throw new InvalidOperationException("A replayed call is always new: its id is stored once.");

    // Every stored call is replayed before the results: the call as stored is the call replayed.
    public bool TryFindCall(string callId, [MaybeNullWhen(false)] out CallRecord call) => calls.TryFind(callId, out call!, out _);

    // No result has been replayed yet when the calls are.
    public bool IsSale(in CallRecord call) => false;

    public AppointmentResult? FindResult(string callId) => null;

    public void PutResult(AppointmentResult result)
    {
    }

    public OperatorSession? FindSession(string sessionId) => null;

    public void PutSession(OperatorSession session)
    {
    }

    public void AddToRollup(in CallRecord call, in KpiCounters counts) => delta.Add(call.Series, TimeBuckets.SlotOf(call.StartedAt), counts);

    public void AddToRollup(SeriesKey series, long slot, in KpiCounters counts) => delta.Add(series, slot, counts);
}

/// <summary>The rollups recomputed from the stored records, and the records that could not count.</summary>
internal sealed class RollupReplay
{
    public RollupDelta Rollups { get; } = new();

    public long Calls { get; private set; }

    public long Results { get; private set; }

    public long Sessions { get; private set; }

    /// <summary>Calls whose series does not exist: their campaign, team and operator are lost.</summary>
    public List<(string CallId, long SeriesId)> DanglingCalls { get; } = [];

    public List<(string SessionId, long SeriesId)> DanglingSessions { get; } = [];

    public static RollupReplay Run(RecordTables tables)
    {
        var replay = new RollupReplay();
        var ledger = new ReplayLedger(tables.Calls, replay.Rollups);
        foreach (var (call, callId, seriesId) in tables.Calls.All())
        {
            if (call is null)
            {
                replay.DanglingCalls.Add((callId, seriesId));
                continue;
            }

            IngestEngine.ApplyCall(ledger, call);
            replay.Calls++;
        }

        foreach (var result in tables.Results.All())
        {
            IngestEngine.ApplyResult<ReplayLedger, CallRecord>(ledger, result);
            replay.Results++;
        }

        foreach (var (session, sessionId, seriesId) in tables.Sessions.All())
        {
            if (session is null)
            {
                replay.DanglingSessions.Add((sessionId, seriesId));
                continue;
            }

            IngestEngine.ApplySession<ReplayLedger, CallRecord>(ledger, session);
            replay.Sessions++;
        }

        return replay;
    }
}
