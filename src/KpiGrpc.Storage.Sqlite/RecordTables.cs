using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>The calls, appointment_results and sessions tables, with their prepared statements.</summary>
internal sealed class RecordTables(StoreConnection connection, SeriesTable series) : IDisposable
{
    private readonly CallTable _calls = new(connection, series);
    private readonly ResultTable _results = new(connection);
    private readonly SessionTable _sessions = new(connection, series);

    public CallTable Calls => _calls;

    public ResultTable Results => _results;

    public SessionTable Sessions => _sessions;

    /// <summary>The tables as the ingest engine sees them inside one transaction, its rollup changes gathered in <paramref name="delta"/>.</summary>
    public SqliteLedger Ledger(RollupDelta delta) => new(_calls, _results, _sessions, delta);

    public void Dispose()
    {
        _calls.Dispose();
        _results.Dispose();
        _sessions.Dispose();
    }
}
