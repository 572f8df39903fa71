using KpiGrpc.Core.Records;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Reads and writes rows of the appointment_results table.</summary>
internal sealed class ResultTable(StoreConnection connection) : IDisposable
{
    private readonly Statement _upsert = new(connection, """
        INSERT INTO appointment_results (call_id, result, reported_at) VALUES (?, ?, ?)
        ON CONFLICT (call_id) DO UPDATE SET result = excluded.result, reported_at = excluded.reported_at
        """);
    private readonly Statement _select = new(connection, "SELECT result, reported_at FROM appointment_results WHERE call_id = ?");

    public void Upsert(AppointmentResult result) => _upsert
        .Bind(1, result.CallId)
        .Bind(2, (long)result.Result)
        .Bind(3, SqliteInstants.ToTicks(result.ReportedAt))
        .Execute();

    public AppointmentResult? Find(string callId)
    {
        _select.Bind(1, callId);
        try
        {
            return _select.Read()
                ? new AppointmentResult(callId, (AppointmentResultKind)_select.GetInt64(0), SqliteInstants.FromTicks(_select.GetInt64(1)))
                : null;
        }
        finally
        {
            _select.Reset();
        }
    }

    public bool IsSale(string callId) => Find(callId)?.IsSale ?? false;

    /// <summary>Every stored result.</summary>
    public IEnumerable<AppointmentResult> All()
    {
        using var select = new Statement(connection, "SELECT call_id, result, reported_at FROM appointment_results");
        while (select.Read())
        {
            yield return new AppointmentResult(select.GetString(0), (AppointmentResultKind)select.GetInt64(1), SqliteInstants.FromTicks(select.GetInt64(2)));
        }
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _select.Dispose();
    }
}
