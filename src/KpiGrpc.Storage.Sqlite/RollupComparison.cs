using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Rollups;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>The stored rollups against those recomputed from the records, and against their running total and the calls' count, for <see cref="StoreVerifier"/>.</summary>
internal static class RollupComparison
{
    private const int MaxListed = 20;

    public static void CompareRollups(StoreReport report, SeriesTable series, Dictionary<(long SeriesId, long Slot), KpiCounters> stored, RollupDelta recomputed)
    {
        var expected = new Dictionary<(long SeriesId, long Slot), KpiCounters>();
        foreach (var ((key, slot), counters) in recomputed.Changes)
        {
            if (!counters.IsZero && series.TryGetId(key, out var id))
            {
                expected[(id, slot)] = counters;
            }
        }

        var differing = stored.Keys.Union(expected.Keys)
            .Where(key => series.Keys.ContainsKey(key.SeriesId) && stored.GetValueOrDefault(key) != expected.GetValueOrDefault(key))
            .Order()
            .ToList();
        if (differing.Count == 0)
        {
            report.Ok($"the {stored.Count:N0} rollups equal those recomputed from the calls, results and sessions");
            return;
        }

        report.Problem($"{differing.Count:N0} rollups differ from those recomputed from the calls, results and sessions (--repair rebuilds them):");
        foreach (var key in differing.Take(MaxListed))
        {
            var s = series.KeyOf(key.SeriesId);
            report.Detail($"{s.CampaignId} / {s.TeamId} / {s.OperatorId} at {TimeBuckets.StartOf(key.Slot):yyyy-MM-dd HH:mm}Z: stored {CounterText.Differences(stored.GetValueOrDefault(key), expected.GetValueOrDefault(key))} recomputed");
        }
    }

    public static void CompareTotals(StoreReport report, StoreConnection connection, int version, Dictionary<(long SeriesId, long Slot), KpiCounters> stored)
    {
        var calls = SqliteSchema.Count(connection.Sqlite, "SELECT count(*) FROM calls");
        var sum = stored.Values.Aggregate(KpiCounters.Zero, (total, counters) => total + counters);
        if (sum.Dialed != calls)
        {
            report.Problem($"the rollups count {sum.Dialed:N0} calls; the calls table holds {calls:N0}");
        }

        if (version < SqliteSchema.Version)
        {
            report.Ok($"rollup running total: not kept by schema {version} (the next start adds it)");
        }
        else if (RollupTable.ReadTotals(connection) is not { } totals)
        {
            report.Problem("the rollups' running total (table rollup_totals) is missing (--repair rewrites it)");
        }
        else if (totals != sum)
        {
            report.Problem($"the rollups add up to {CounterText.Differences(sum, totals)} in their running total (--repair rewrites it)");
        }
        else
        {
            report.Ok($"the rollups add up to their running total and count the {calls:N0} stored calls");
        }
    }

    public static Dictionary<(long SeriesId, long Slot), KpiCounters> StoredRollups(StoreConnection connection)
    {
        var rollups = new Dictionary<(long SeriesId, long Slot), KpiCounters>();
        using var select = new Statement(connection, $"SELECT series_id, slot, {RollupTable.CounterColumns} FROM rollups");
        while (select.Read())
        {
            rollups[(select.GetInt64(0), select.GetInt64(1))] = select.GetCounters(2);
        }

        return rollups;
    }
}
