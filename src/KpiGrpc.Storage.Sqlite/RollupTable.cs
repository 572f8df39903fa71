using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// The 15-minute rollups on disk: added to in each transaction, read whole at start-up. A
/// one-row table keeps their running sum, written in the same transaction: at start-up the rows
/// must add up to it, which a flipped bit in any count, or a lost or doubled row, breaks.
/// </summary>
internal sealed class RollupTable(StoreConnection connection, SeriesTable series) : IDisposable
{
    public const string CounterColumns = "dialed, connected, answered, rejected, pitched, appointments, sales, dropped, talk_ms, logged_ms";

    private readonly Statement _add = new(connection, $"""
        INSERT INTO rollups (series_id, slot, {CounterColumns}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (series_id, slot) DO UPDATE SET
            dialed = dialed + excluded.dialed, connected = connected + excluded.connected,
            answered = answered + excluded.answered, rejected = rejected + excluded.rejected,
            pitched = pitched + excluded.pitched, appointments = appointments + excluded.appointments,
            sales = sales + excluded.sales, dropped = dropped + excluded.dropped,
            talk_ms = talk_ms + excluded.talk_ms, logged_ms = logged_ms + excluded.logged_ms
        """);

    private readonly Statement _addToTotals = new(connection, """
        UPDATE rollup_totals SET dialed = dialed + ?1, connected = connected + ?2, answered = answered + ?3,
            rejected = rejected + ?4, pitched = pitched + ?5, appointments = appointments + ?6, sales = sales + ?7,
            dropped = dropped + ?8, talk_ms = talk_ms + ?9, logged_ms = logged_ms + ?10
        WHERE id = 1
        """);

    public void Add(RollupDelta delta)
    {
        var sum = KpiCounters.Zero;
        foreach (var ((key, slot), c) in delta.Changes)
        {
            if (c.IsZero)
            {
                continue;
            }

            _add.Bind(1, series.IdOf(key)).Bind(2, slot).Bind(3, c);
            _add.Execute();
            sum += c;
        }

        if (!sum.IsZero)
        {
            _addToTotals.Bind(1, sum).Execute();
        }
    }

    /// <summary>Loads every rollup row into <paramref name="index"/>; what they add up to, and the rows whose series does not exist.</summary>
    public RollupLoad LoadInto(RollupIndex index)
    {
        var sum = KpiCounters.Zero;
        var dangling = new SortedSet<long>();
        long danglingRows = 0;
        using var select = new Statement(connection, $"SELECT series_id, slot, {CounterColumns} FROM rollups");
        while (select.Read())
        {
            var counters = select.GetCounters(2);
            sum += counters;
            if (series.TryGetKey(select.GetInt64(0), out var key))
            {
                index.Add(key, select.GetInt64(1), counters);
            }
            else
            {
                dangling.Add(select.GetInt64(0));
                danglingRows++;
            }
        }

        select.Reset();
        return new RollupLoad(sum, ReadTotals(connection), danglingRows, dangling);
    }

    /// <summary>The running sum the rollups must add up to; null when its row is missing.</summary>
    public static KpiCounters? ReadTotals(StoreConnection connection)
    {
        using var select = new Statement(connection, $"SELECT {CounterColumns} FROM rollup_totals WHERE id = 1");
        try
        {
            return select.Read() ? select.GetCounters(0) : null;
        }
        finally
        {
            select.Reset();
        }
    }

    public void Dispose()
    {
        _add.Dispose();
        _addToTotals.Dispose();
    }
}

/// <summary>What the rollup rows added up to at start-up, against their running sum.</summary>
internal sealed record RollupLoad(KpiCounters Sum, KpiCounters? Totals, long DanglingRows, IReadOnlySet<long> DanglingSeries);
