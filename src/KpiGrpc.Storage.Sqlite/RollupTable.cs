using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Rollups;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>The 15-minute rollups on disk: added to in each transaction, read whole at start-up.</summary>
internal sealed class RollupTable : IDisposable
{
    private const string CounterColumns = "dialed, connected, answered, rejected, pitched, appointments, sales, dropped, talk_ms, logged_ms";

    private readonly Statement _add;

    public RollupTable(SqliteConnection connection)
    {
        _add = new Statement(connection, $"""
            INSERT INTO rollups (slot, campaign_id, team_id, operator_id, {CounterColumns})
            VALUES ($slot, $campaign, $team, $operator, $dialed, $connected, $answered, $rejected, $pitched, $appointments, $sales, $dropped, $talk, $logged)
            ON CONFLICT (slot, campaign_id, team_id, operator_id) DO UPDATE SET
                dialed = dialed + excluded.dialed, connected = connected + excluded.connected,
                answered = answered + excluded.answered, rejected = rejected + excluded.rejected,
                pitched = pitched + excluded.pitched, appointments = appointments + excluded.appointments,
                sales = sales + excluded.sales, dropped = dropped + excluded.dropped,
                talk_ms = talk_ms + excluded.talk_ms, logged_ms = logged_ms + excluded.logged_ms
            """, "$slot", "$campaign", "$team", "$operator", "$dialed", "$connected", "$answered", "$rejected",
            "$pitched", "$appointments", "$sales", "$dropped", "$talk", "$logged");
    }

    public SqliteTransaction? Transaction
    {
        set => _add.Transaction = value;
    }

    public void Add(RollupDelta delta)
    {
        foreach (var ((series, slot), c) in delta.Changes)
        {
            if (c.IsZero)
            {
                continue;
            }

            _add.Bind(0, slot).Bind(1, series.CampaignId).Bind(2, series.TeamId).Bind(3, series.OperatorId)
                .Bind(4, c.Dialed).Bind(5, c.Connected).Bind(6, c.Answered).Bind(7, c.Rejected)
                .Bind(8, c.Pitched).Bind(9, c.Appointments).Bind(10, c.Sales).Bind(11, c.Dropped)
                .Bind(12, c.TalkMilliseconds).Bind(13, c.LoggedMilliseconds)
                .Execute();
        }
    }

    /// <summary>Loads every rollup row into <paramref name="index"/>.</summary>
    public static void LoadInto(SqliteConnection connection, RollupIndex index)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT slot, campaign_id, team_id, operator_id, {CounterColumns} FROM rollups";
        using var reader = command.ExecuteReader();
        var keys = new Dictionary<(string, string, string), SeriesKey>();
        while (reader.Read())
        {
            var raw = (reader.GetString(1), reader.GetString(2), reader.GetString(3));
            if (!keys.TryGetValue(raw, out var series))
            {
                keys[raw] = series = new SeriesKey(raw.Item1, raw.Item2, raw.Item3);
            }

            index.Add(series, reader.GetInt64(0), new KpiCounters(
                reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8),
                reader.GetInt64(9), reader.GetInt64(10), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13)));
        }
    }

    public void Dispose() => _add.Dispose();
}
