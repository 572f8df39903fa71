using System.Diagnostics.CodeAnalysis;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Ingest;

/// <summary>
/// What <see cref="IngestEngine"/> needs of a store: the records already stored under an id,
/// how to keep a record the rules accepted, and where rollup counts go. The SQLite store
/// implements it over its tables, a computation over in-memory tables; a new store implements
/// these methods and gets every ingest rule. Called by one writer at a time.
/// </summary>
/// <typeparam name="TCall">How the store keeps a call.</typeparam>
public interface IIngestLedger<TCall>
    where TCall : IKeptCall<TCall>
{
    /// <summary>Keeps <paramref name="call"/> when its id is new (true); else gives the call kept under that id.</summary>
    bool TryAddCall(in TCall call, [MaybeNullWhen(true)] out TCall stored);

    /// <summary>Overwrites the call kept under the id of <paramref name="call"/>.</summary>
    void ReplaceCall(in TCall call);

    /// <summary>The call kept under <paramref name="callId"/>: an appointment result's call.</summary>
    bool TryFindCall(string callId, [MaybeNullWhen(false)] out TCall call);

    /// <summary>Whether the latest result kept for the call's id is a sale.</summary>
    bool IsSale(in TCall call);

    AppointmentResult? FindResult(string callId);

    /// <summary>Keeps the result, over any result kept for the same call.</summary>
    void PutResult(AppointmentResult result);

    OperatorSession? FindSession(string sessionId);

    /// <summary>Keeps the session, over any session kept under the same id.</summary>
    void PutSession(OperatorSession session);

    /// <summary>Adds <paramref name="counts"/> (negative to take a call back out) to the rollup of the call's series and 15-minute slot.</summary>
    void AddToRollup(in TCall call, in KpiCounters counts);

    /// <summary>Adds <paramref name="counts"/> to the rollup of <paramref name="series"/> at <paramref name="slot"/>.</summary>
    void AddToRollup(SeriesKey series, long slot, in KpiCounters counts);
}
