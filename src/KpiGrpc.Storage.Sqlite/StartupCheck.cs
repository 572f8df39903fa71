using KpiGrpc.Core.Storage;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// What the store checks at every start, after loading its series and rollups, for what it
/// costs to read them anyway: rollups point to series that exist (every call and session adds
/// to a rollup of its series, so one pointing nowhere leaves a rollup pointing nowhere, or a
/// rollup row missing), and the rollup rows add up to their running total. Calls are not read
/// (counting 10 M of them costs 0.3 s warm, up to 4 s cold): `--verify` reads them.
/// </summary>
internal static class StartupCheck
{
    public static void Check(SqliteStoreOptions options, RollupLoad rollups)
    {
        var database = Path.GetFullPath(options.DatabasePath);
        var remedy = "Run the server with --verify to see what is affected, then with --repair to rebuild the rollups from the calls.";
        if (rollups.DanglingRows > 0)
        {
            throw new StoreDamagedException(
                database,
                $"{rollups.DanglingRows:N0} rollup rows count calls under series ids that do not exist ({Ids(rollups.DanglingSeries)}): those calls have lost their campaign, team and operator (a store written by a version that mishandled a full disk, or a damaged series table).",
                remedy);
        }

        if (rollups.Totals is not { } totals)
        {
            throw new StoreDamagedException(database, "the running total of the rollups is missing (table rollup_totals).", remedy);
        }

        if (totals != rollups.Sum)
        {
            throw new StoreDamagedException(
                database,
                $"the rollups add up to {CounterText.Differences(rollups.Sum, totals)} in their running total, kept in the same transactions: a rollup or the total was altered on disk (a flipped bit, a bad sector), and queries would show wrong figures.",
                remedy);
        }
    }

    private static string Ids(IReadOnlySet<long> ids) =>
        (ids.Count > 1 ? "ids " : "id ") + string.Join(", ", ids.Take(10)) + (ids.Count > 10 ? ", ..." : "");
}
