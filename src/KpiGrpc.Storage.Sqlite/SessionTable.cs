using KpiGrpc.Core.Records;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Reads and writes rows of the sessions table.</summary>
internal sealed class SessionTable(StoreConnection connection, SeriesTable series) : IDisposable
{
    private readonly Statement _upsert = new(connection, """
        INSERT INTO sessions (session_id, series_id, started_at, ended_at) VALUES (?, ?, ?, ?)
        ON CONFLICT (session_id) DO UPDATE SET
            series_id = excluded.series_id, started_at = excluded.started_at, ended_at = excluded.ended_at
        """);
    private readonly Statement _select = new(connection, "SELECT series_id, started_at, ended_at FROM sessions WHERE session_id = ?");

    public void Upsert(OperatorSession session) => _upsert
        .Bind(1, session.SessionId)
        .Bind(2, series.IdOf(session.Series))
        .Bind(3, SqliteInstants.ToTicks(session.StartedAt))
        .Bind(4, SqliteInstants.ToTicks(session.EndedAt))
        .Execute();

    public OperatorSession? Find(string sessionId)
    {
        _select.Bind(1, sessionId);
        try
        {
            if (!_select.Read())
            {
                return null;
            }

            var key = series.KeyOf(_select.GetInt64(0));
            return new OperatorSession(
                sessionId, key.OperatorId, key.TeamId, key.CampaignId,
                SqliteInstants.FromTicks(_select.GetInt64(1)),
                SqliteInstants.FromTicks(_select.GetInt64(2)));
        }
        finally
        {
            _select.Reset();
        }
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _select.Dispose();
    }
}
