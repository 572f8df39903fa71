using System.Text;
using KpiGrpc.Bench;

namespace KpiGrpc.MicroBench;

/// <summary>
/// The calls every microbenchmark reads: generated as for the end-to-end benchmarks (seed 42,
/// 30 days up to 2026-11-27), sorted by started_at as a dialer's log export is, as calls.csv text.
/// </summary>
public static class SampleCalls
{
    private static readonly DateTimeOffset End = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A calls.csv of <paramref name="count"/> lines, header first.</summary>
    public static string Csv(int count, string header = CsvCallFile.Header)
    {
        var generator = new CallGenerator(42, End, 30);
        var text = new StringWriter(new StringBuilder(count * 110));
        text.WriteLine(header);
        foreach (var call in generator.InTimeOrder(generator.NextBatch(count)))
        {
            CsvCallFile.WriteLine(text, call);
        }

        return text.ToString();
    }

    /// <summary>Throws unless every alternative returned what the hand-written code did: a benchmark must time equal work.</summary>
    public static void CheckSame<T>(string benchmark, T expected, params T[] alternatives)
    {
        if (alternatives.Any(actual => !EqualityComparer<T>.Default.Equals(actual, expected)))
        {
            throw new InvalidOperationException($"{benchmark}: the alternatives disagree: {expected} against {string.Join(", ", alternatives)}");
        }
    }

    /// <summary>Field <paramref name="column"/> of each line of <see cref="Csv"/> (no line quotes a field).</summary>
    public static string[] Column(int count, int column) =>
        [.. Csv(count).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.TrimEnd('\r').Split(',')[column])];
}
