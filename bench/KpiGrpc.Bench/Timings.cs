using System.Diagnostics;

namespace KpiGrpc.Bench;

/// <summary>Repeated measurements and the figures reported from them.</summary>
public sealed class Timings(string unit)
{
    private readonly List<double> _values = [];

    public IReadOnlyList<double> Values => _values;

    public void Add(double value) => _values.Add(value);

    public double Median => Percentile(50);

    /// <summary>Nearest-rank percentile: the smallest value at or above that share of the runs.</summary>
    public double Percentile(double percent)
    {
        if (_values.Count == 0)
        {
            throw new InvalidOperationException("no measurement");
        }

        var sorted = _values.Order().ToArray();
        if (percent == 50 && sorted.Length % 2 == 0)
        {
            return (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public string Format(double value) => unit switch
    {
        "ms" => $"{value:0.00} ms",
        _ => $"{value:N0} {unit}",
    };

    public string All => string.Join(", ", _values.Select(v => unit == "ms" ? v.ToString("0.00") : v.ToString("N0")));

    /// <summary>Runs <paramref name="action"/> and returns its wall time in milliseconds.</summary>
    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
