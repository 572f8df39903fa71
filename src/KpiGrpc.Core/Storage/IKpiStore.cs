using KpiGrpc.Core.Access;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Core.Storage;

/// <summary>
/// The one seam between the service and its storage engine (embedded SQLite now, PostgreSQL
/// later). A store applies every record through <see cref="IngestEngine"/> (implementing
/// <see cref="IIngestLedger{TCall}"/> over its tables), keeps 15-minute rollups in the same
/// transaction as the records, and returns only once the batch is durable.
/// </summary>
public interface IKpiStore : IAsyncDisposable
{
    /// <summary>Stores valid calls; one outcome per call, in order. Durable when the task completes.</summary>
    Task<IReadOnlyList<IngestOutcome>> StoreCallsAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken);

    /// <summary>Stores valid appointment results, including those whose call has not arrived yet.</summary>
    Task<IReadOnlyList<IngestOutcome>> StoreResultsAsync(IReadOnlyList<AppointmentResult> results, CancellationToken cancellationToken);

    /// <summary>Stores valid operator sessions.</summary>
    Task<IReadOnlyList<IngestOutcome>> StoreSessionsAsync(IReadOnlyList<OperatorSession> sessions, CancellationToken cancellationToken);

    /// <summary>
    /// Stores valid calls for a caller limited to <paramref name="scope"/>: a call whose id is kept under
    /// a campaign outside it is <see cref="IngestOutcome.OutOfScope"/> (<see cref="ScopedIngest"/>, in the
    /// same transaction). A store that does not implement it refuses restricted scopes.
    /// </summary>
    Task<IReadOnlyList<IngestOutcome>> StoreCallsAsync(IReadOnlyList<CallRecord> calls, CampaignScope scope, CancellationToken cancellationToken) =>
        scope.IsRestricted ? throw new NotSupportedException($"{GetType().Name} does not enforce campaign scopes") : StoreCallsAsync(calls, cancellationToken);

    /// <summary>Stores valid results for a scoped caller: a result whose call is not kept under the scope is <see cref="IngestOutcome.OutOfScope"/>.</summary>
    Task<IReadOnlyList<IngestOutcome>> StoreResultsAsync(IReadOnlyList<AppointmentResult> results, CampaignScope scope, CancellationToken cancellationToken) =>
        scope.IsRestricted ? throw new NotSupportedException($"{GetType().Name} does not enforce campaign scopes") : StoreResultsAsync(results, cancellationToken);

    /// <summary>Stores valid sessions for a scoped caller: a session id kept under a campaign outside the scope is <see cref="IngestOutcome.OutOfScope"/>.</summary>
    Task<IReadOnlyList<IngestOutcome>> StoreSessionsAsync(IReadOnlyList<OperatorSession> sessions, CampaignScope scope, CancellationToken cancellationToken) =>
        scope.IsRestricted ? throw new NotSupportedException($"{GetType().Name} does not enforce campaign scopes") : StoreSessionsAsync(sessions, cancellationToken);

    /// <summary>The rollups, for queries.</summary>
    IRollupSource Rollups { get; }

    /// <summary>Raised after each commit that changed rollups, for live watchers. Handlers must not block.</summary>
    event Action<RollupChange>? Changed;

    /// <summary>
    /// Whether writes succeed now, read by the host's health check: what the store last saw, so
    /// reading it costs nothing. After a failure the store finds out by itself when writes work again.
    /// </summary>
    StoreHealth Health { get; }
}
