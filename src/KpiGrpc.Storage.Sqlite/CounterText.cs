using System.Globalization;
using KpiGrpc.Core.Counting;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>Counts as the rollup columns name them, for messages and reports.</summary>
internal static class CounterText
{
    private static readonly string[] Names = RollupTable.CounterColumns.Split(", ");

    public static long[] Values(in KpiCounters c) =>
        [c.Dialed, c.Connected, c.Answered, c.Rejected, c.Pitched, c.Appointments, c.Sales, c.Dropped, c.TalkMilliseconds, c.LoggedMilliseconds];

    /// <summary>"dialed 100,004 against 100,000, ..." for the counts that differ.</summary>
    public static string Differences(in KpiCounters actual, in KpiCounters expected)
    {
        var (a, e) = (Values(actual), Values(expected));
        return string.Join(", ", Enumerable.Range(0, Names.Length)
            .Where(i => a[i] != e[i])
            .Select(i => string.Create(CultureInfo.InvariantCulture, $"{Names[i]} {a[i]:N0} against {e[i]:N0}")));
    }
}
