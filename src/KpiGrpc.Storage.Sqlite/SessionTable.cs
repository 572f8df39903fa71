using KpiGrpc.Core.Records;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Reads and writes rows of the sessions table.</summary>
internal sealed class SessionTable(StoreConnection connection, SeriesTable series) : IDisposable
{
    private const string Columns = "session_id, series_id, started_at, ended_at";

    private readonly Statement _upsert = new(connection, $"""
        INSERT INTO sessions ({Columns}) VALUES (?, ?, ?, ?)
        ON CONFLICT (session_id) DO UPDATE SET
            series_id = excluded.series_id, started_at = excluded.started_at, ended_at = excluded.ended_at
        """);
    private readonly Statement _select = new(connection, $"SELECT {Columns} FROM sessions WHERE session_id = ?");

    public void Upsert(OperatorSession session) => _upsert
        .Bind(1, session.SessionId)
        .Bind(2, series.IdOf(session.Series))
        .Bind(3, SqliteInstants.ToTicks(session.StartedAt))
        .Bind(4, SqliteInstants.ToTicks(session.EndedAt))
        .Execute();

    /// <summary>The session stored under <paramref name="sessionId"/>; one whose series does not exist is damage (SQLITE_CORRUPT).</summary>
    public OperatorSession? Find(string sessionId)
    {
        _select.Bind(1, sessionId);
        try
        {
            return !_select.Read() ? null
                : Read(_select) ?? throw StoreErrors.Corrupt($"session {sessionId} points to series id {_select.GetInt64(1)}, which does not exist");
        }
        finally
        {
            _select.Reset();
        }
    }

    /// <summary>Every stored session; null with the series id where that series does not exist.</summary>
    public IEnumerable<(OperatorSession? Session, string SessionId, long SeriesId)> All()
    {
        using var select = new Statement(connection, $"SELECT {Columns} FROM sessions");
        while (select.Read())
        {
            yield return (Read(select), select.GetString(0), select.GetInt64(1));
        }
    }

    private OperatorSession? Read(Statement row) => series.TryGetKey(row.GetInt64(1), out var key)
        ? new OperatorSession(
            row.GetString(0), key.OperatorId, key.TeamId, key.CampaignId,
            SqliteInstants.FromTicks(row.GetInt64(2)),
            SqliteInstants.FromTicks(row.GetInt64(3)))
        : null;

    public void Dispose()
    {
        _upsert.Dispose();
        _select.Dispose();
    }
}
