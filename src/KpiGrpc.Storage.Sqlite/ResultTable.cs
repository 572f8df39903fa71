using KpiGrpc.Core.Records;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Reads and writes rows of the appointment_results table.</summary>
internal sealed class ResultTable : IDisposable
{
    private readonly Statement _upsert;
    private readonly Statement _select;

    public ResultTable(SqliteConnection connection)
    {
        _upsert = new Statement(connection, """
            INSERT INTO appointment_results (call_id, result, reported_at) VALUES ($id, $result, $reported)
            ON CONFLICT (call_id) DO UPDATE SET result = excluded.result, reported_at = excluded.reported_at
            """, "$id", "$result", "$reported");
        _select = new Statement(connection, "SELECT result, reported_at FROM appointment_results WHERE call_id = $id", "$id");
    }

    public SqliteTransaction? Transaction
    {
        set => _upsert.Transaction = _select.Transaction = value;
    }

    public void Upsert(AppointmentResult result) => _upsert
        .Bind(0, result.CallId)
        .Bind(1, (int)result.Result)
        .Bind(2, SqliteInstants.ToTicks(result.ReportedAt))
        .Execute();

    public AppointmentResult? Find(string callId)
    {
        using var reader = _select.Bind(0, callId).Query();
        return reader.Read()
            ? new AppointmentResult(callId, (AppointmentResultKind)reader.GetInt32(0), SqliteInstants.FromTicks(reader.GetInt64(1)))
            : null;
    }

    public bool IsSale(string callId) => Find(callId)?.IsSale ?? false;

    public void Dispose()
    {
        _upsert.Dispose();
        _select.Dispose();
    }
}
