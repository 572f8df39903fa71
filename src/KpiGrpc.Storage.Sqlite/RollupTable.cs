using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>The 15-minute rollups on disk: added to in each transaction, read whole at start-up.</summary>
internal sealed class RollupTable(StoreConnection connection, SeriesTable series) : IDisposable
{
    private const string CounterColumns = "dialed, connected, answered, rejected, pitched, appointments, sales, dropped, talk_ms, logged_ms";

    private readonly Statement _add = new(connection, $"""
        INSERT INTO rollups (series_id, slot, {CounterColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (series_id, slot) DO UPDATE SET
            dialed = dialed + excluded.dialed, connected = connected + excluded.connected,
            answered = answered + excluded.answered, rejected = rejected + excluded.rejected,
            pitched = pitched + excluded.pitched, appointments = appointments + excluded.appointments,
            sales = sales + excluded.sales, dropped = dropped + excluded.dropped,
            talk_ms = talk_ms + excluded.talk_ms, logged_ms = logged_ms + excluded.logged_ms
        """);

    public void Add(RollupDelta delta)
    {
        foreach (var ((key, slot), c) in delta.Changes)
        {
            if (c.IsZero)
            {
                continue;
            }

            _add.Bind(1, series.IdOf(key)).Bind(2, slot)
                .Bind(3, c.Dialed).Bind(4, c.Connected).Bind(5, c.Answered).Bind(6, c.Rejected)
                .Bind(7, c.Pitched).Bind(8, c.Appointments).Bind(9, c.Sales).Bind(10, c.Dropped)
                .Bind(11, c.TalkMilliseconds).Bind(12, c.LoggedMilliseconds)
                .Execute();
        }
    }

    /// <summary>Loads every rollup row into <paramref name="index"/>.</summary>
    public void LoadInto(RollupIndex index)
    {
        using var select = new Statement(connection, $"SELECT series_id, slot, {CounterColumns} FROM rollups");
        while (select.Read())
        {
            index.Add(series.KeyOf(select.GetInt64(0)), select.GetInt64(1), new KpiCounters(
                select.GetInt64(2), select.GetInt64(3), select.GetInt64(4), select.GetInt64(5), select.GetInt64(6),
                select.GetInt64(7), select.GetInt64(8), select.GetInt64(9), select.GetInt64(10), select.GetInt64(11)));
        }

        select.Reset();
    }

    public void Dispose() => _add.Dispose();
}
