using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Reads and writes rows of the calls table.</summary>
internal sealed class CallTable : IDisposable
{
    private const string Columns = "call_id, campaign_id, team_id, operator_id, lead_id, started_at, outcome, talk_ms, removal_requested, revision";
    private const string Values = "$id, $campaign, $team, $operator, $lead, $started, $outcome, $talk, $removal, $revision";
    private static readonly string[] Parameters = ["$id", "$campaign", "$team", "$operator", "$lead", "$started", "$outcome", "$talk", "$removal", "$revision"];

    private readonly Statement _insertNew;
    private readonly Statement _upsert;
    private readonly Statement _select;

    public CallTable(SqliteConnection connection)
    {
        _insertNew = new Statement(connection, $"INSERT INTO calls ({Columns}) VALUES ({Values}) ON CONFLICT (call_id) DO NOTHING", Parameters);
        _upsert = new Statement(connection, $"""
            INSERT INTO calls ({Columns}) VALUES ({Values})
            ON CONFLICT (call_id) DO UPDATE SET
                campaign_id = excluded.campaign_id, team_id = excluded.team_id, operator_id = excluded.operator_id,
                lead_id = excluded.lead_id, started_at = excluded.started_at, outcome = excluded.outcome,
                talk_ms = excluded.talk_ms, removal_requested = excluded.removal_requested, revision = excluded.revision
            """, Parameters);
        _select = new Statement(connection, $"SELECT {Columns} FROM calls WHERE call_id = $id", "$id");
    }

    public SqliteTransaction? Transaction
    {
        set => _insertNew.Transaction = _upsert.Transaction = _select.Transaction = value;
    }

    /// <summary>Inserts the call unless its id is taken; true when inserted.</summary>
    public bool TryInsert(CallRecord call) => Bind(_insertNew, call).Execute() == 1;

    public void Upsert(CallRecord call) => Bind(_upsert, call).Execute();

    public CallRecord? Find(string callId)
    {
        using var reader = _select.Bind(0, callId).Query();
        if (!reader.Read())
        {
            return null;
        }

        return new CallRecord(
            CallId: reader.GetString(0),
            CampaignId: reader.GetString(1),
            TeamId: reader.GetString(2),
            OperatorId: reader.GetString(3),
            LeadId: reader.GetString(4),
            StartedAt: SqliteInstants.FromTicks(reader.GetInt64(5)),
            Outcome: (CallOutcome)reader.GetInt32(6),
            TalkSeconds: reader.GetInt64(7) / 1000.0,
            RemovalRequested: reader.GetInt64(8) != 0,
            Revision: reader.GetInt32(9));
    }

    private static Statement Bind(Statement statement, CallRecord call) => statement
        .Bind(0, call.CallId)
        .Bind(1, call.CampaignId)
        .Bind(2, call.TeamId)
        .Bind(3, call.OperatorId)
        .Bind(4, call.LeadId)
        .Bind(5, SqliteInstants.ToTicks(call.StartedAt))
        .Bind(6, (int)call.Outcome)
        .Bind(7, KpiCounters.ToMilliseconds(call.TalkSeconds))
        .Bind(8, call.RemovalRequested ? 1 : 0)
        .Bind(9, call.Revision);

    public void Dispose()
    {
        _insertNew.Dispose();
        _upsert.Dispose();
        _select.Dispose();
    }
}
