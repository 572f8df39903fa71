using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Reads and writes rows of the calls table.</summary>
internal sealed class CallTable(StoreConnection connection, SeriesTable series) : IDisposable
{
    private const string Columns = "call_id, series_id, lead_id, started_at, outcome, talk_ms, removal_requested, revision";

    private readonly Statement _insertNew = new(connection, $"INSERT INTO calls ({Columns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (call_id) DO NOTHING");
    private readonly Statement _update = new(connection, """
        UPDATE calls SET series_id = ?2, lead_id = ?3, started_at = ?4, outcome = ?5, talk_ms = ?6, removal_requested = ?7, revision = ?8
        WHERE call_id = ?1
        """);
    private readonly Statement _select = new(connection, $"SELECT {Columns} FROM calls WHERE call_id = ?");

    /// <summary>Inserts the call unless its id is taken; true when inserted.</summary>
    public bool TryInsert(CallRecord call) => Bind(_insertNew, call).Execute() == 1;

    public void Replace(CallRecord call) => Bind(_update, call).Execute();

    public CallRecord? Find(string callId)
    {
        _select.Bind(1, callId);
        try
        {
            if (!_select.Read())
            {
                return null;
            }

            var key = series.KeyOf(_select.GetInt64(1));
            return new CallRecord(
                CallId: callId,
                CampaignId: key.CampaignId,
                OperatorId: key.OperatorId,
                TeamId: key.TeamId,
                LeadId: _select.GetString(2),
                StartedAt: SqliteInstants.FromTicks(_select.GetInt64(3)),
                Outcome: (CallOutcome)_select.GetInt64(4),
                TalkSeconds: _select.GetInt64(5) / 1000.0,
                RemovalRequested: _select.GetInt64(6) != 0,
                Revision: (int)_select.GetInt64(7));
        }
        finally
        {
            _select.Reset();
        }
    }

    private Statement Bind(Statement statement, CallRecord call) => statement
        .Bind(1, call.CallId)
        .Bind(2, series.IdOf(call.Series))
        .Bind(3, call.LeadId)
        .Bind(4, SqliteInstants.ToTicks(call.StartedAt))
        .Bind(5, (long)call.Outcome)
        .Bind(6, KpiCounters.ToMilliseconds(call.TalkSeconds))
        .Bind(7, call.RemovalRequested ? 1 : 0)
        .Bind(8, call.Revision);

    public void Dispose()
    {
        _insertNew.Dispose();
        _update.Dispose();
        _select.Dispose();
    }
}
