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

    /// <summary>The call stored under <paramref name="callId"/>; a call whose series does not exist is damage (SQLITE_CORRUPT).</summary>
    public CallRecord? Find(string callId) => TryFind(callId, out var call, out var danglingSeries)
        ? call
        : danglingSeries is { } id ? throw StoreErrors.Corrupt($"call {callId} points to series id {id}, which does not exist") : null;

    /// <summary>The call stored under <paramref name="callId"/>, unless there is none or its series does not exist (<paramref name="danglingSeries"/>).</summary>
    public bool TryFind(string callId, out CallRecord call, out long? danglingSeries)
    {
        _select.Bind(1, callId);
        try
        {
            call = null!;
            danglingSeries = null;
            return _select.Read() && TryRead(_select, out call, out danglingSeries);
        }
        finally
        {
            _select.Reset();
        }
    }

    /// <summary>Every stored call in call_id order; null with the series id where that series does not exist.</summary>
    public IEnumerable<(CallRecord? Call, string CallId, long SeriesId)> All()
    {
        using var select = new Statement(connection, $"SELECT {Columns} FROM calls");
        while (select.Read())
        {
            yield return (TryRead(select, out var call, out _) ? call : null, select.GetString(0), select.GetInt64(1));
        }
    }

    private bool TryRead(Statement row, out CallRecord call, out long? danglingSeries)
    {
        var seriesId = row.GetInt64(1);
        if (!series.TryGetKey(seriesId, out var key))
        {
            (call, danglingSeries) = (null!, seriesId);
            return false;
        }

        danglingSeries = null;
        call = new CallRecord(
            CallId: row.GetString(0),
            CampaignId: key.CampaignId,
            OperatorId: key.OperatorId,
            TeamId: key.TeamId,
            LeadId: row.GetString(2),
            StartedAt: SqliteInstants.FromTicks(row.GetInt64(3)),
            Outcome: (CallOutcome)row.GetInt64(4),
            TalkSeconds: row.GetInt64(5) / 1000.0,
            RemovalRequested: row.GetInt64(6) != 0,
            Revision: (int)row.GetInt64(7));
        return true;
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
