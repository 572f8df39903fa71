namespace KpiGrpc.EndToEnd.Tests;

/// <summary>The hand-worked totals of samples/README.md ("Expected totals"), read from its table.</summary>
internal static class SampleTotals
{
    /// <summary>Counts per operator, keyed by column name (dialed, connected, ...).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerOperator() =>
        Rows().Where(r => r.Key.StartsWith("op-", StringComparison.Ordinal)).ToDictionary(r => r.Key, r => r.Value);

    /// <summary>The "whole file" row.</summary>
    public static IReadOnlyDictionary<string, double> WholeFile() => Rows().Single(r => r.Key == "whole file").Value;

    private static IEnumerable<KeyValuePair<string, IReadOnlyDictionary<string, double>>> Rows()
    {
        var lines = File.ReadAllLines(Path.Combine(RepoPaths.Samples, "README.md"));
        var headerAt = Array.FindIndex(lines, l => l.StartsWith("| operator |", StringComparison.Ordinal));
        Assert.True(headerAt >= 0, "samples/README.md has no '| operator |' table");
        var columns = Cells(lines[headerAt]).Skip(1).ToArray();
        foreach (var line in lines.Skip(headerAt + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = Cells(line);
            var values = columns.Zip(cells.Skip(1), (c, v) => (c, double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)))
                .ToDictionary(p => p.c, p => p.Item2);
            yield return new(cells[0], values);
        }
    }

    private static string[] Cells(string line) =>
        [.. line.Trim('|').Split('|').Select(c => c.Trim().Trim('*'))];
}
