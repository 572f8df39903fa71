using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using KpiGrpc.Core.Storage;

namespace KpiGrpc.Storage.Sqlite;

public sealed class SqliteKpiStore : IKpiStore
{
    public static SqliteKpiStore Open(SqliteStoreOptions options) => throw new NotImplementedException();

    public IRollupSource Rollups => throw new NotImplementedException();

    public event Action<RollupChange>? Changed;

    public Task<IReadOnlyList<IngestOutcome>> StoreCallsAsync(IReadOnlyList<CallRecord> calls, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<IngestOutcome>> StoreResultsAsync(IReadOnlyList<AppointmentResult> results, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<IngestOutcome>> StoreSessionsAsync(IReadOnlyList<OperatorSession> sessions, CancellationToken cancellationToken) => throw new NotImplementedException();

    public ValueTask DisposeAsync() { Changed?.Invoke(null!); return ValueTask.CompletedTask; }
}
