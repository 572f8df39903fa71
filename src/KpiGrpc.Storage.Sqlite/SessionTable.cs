using KpiGrpc.Core.Records;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Reads and writes rows of the sessions table.</summary>
internal sealed class SessionTable : IDisposable
{
    private readonly Statement _upsert;
    private readonly Statement _select;

    public SessionTable(SqliteConnection connection)
    {
        _upsert = new Statement(connection, """
            INSERT INTO sessions (session_id, operator_id, team_id, campaign_id, started_at, ended_at)
            VALUES ($id, $operator, $team, $campaign, $started, $ended)
            ON CONFLICT (session_id) DO UPDATE SET
                operator_id = excluded.operator_id, team_id = excluded.team_id, campaign_id = excluded.campaign_id,
                started_at = excluded.started_at, ended_at = excluded.ended_at
            """, "$id", "$operator", "$team", "$campaign", "$started", "$ended");
        _select = new Statement(connection,
            "SELECT operator_id, team_id, campaign_id, started_at, ended_at FROM sessions WHERE session_id = $id", "$id");
    }

    public SqliteTransaction? Transaction
    {
        set => _upsert.Transaction = _select.Transaction = value;
    }

    public void Upsert(OperatorSession session) => _upsert
        .Bind(0, session.SessionId)
        .Bind(1, session.OperatorId)
        .Bind(2, session.TeamId)
        .Bind(3, session.CampaignId)
        .Bind(4, SqliteInstants.ToTicks(session.StartedAt))
        .Bind(5, SqliteInstants.ToTicks(session.EndedAt))
        .Execute();

    public OperatorSession? Find(string sessionId)
    {
        using var reader = _select.Bind(0, sessionId).Query();
        return reader.Read()
            ? new OperatorSession(
                sessionId,
                OperatorId: reader.GetString(0),
                TeamId: reader.GetString(1),
                CampaignId: reader.GetString(2),
                StartedAt: SqliteInstants.FromTicks(reader.GetInt64(3)),
                EndedAt: SqliteInstants.FromTicks(reader.GetInt64(4)))
            : null;
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _select.Dispose();
    }
}
