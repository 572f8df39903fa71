namespace KpiGrpc.Core.Kpis;

/// <summary>
/// Where a rate's true value lies, with 95% confidence, given how many calls it was measured
/// on: the Wilson score interval, in the rate's percentage unit. Unlike the textbook
/// "p ± 1.96 standard errors" it stays within 0-100% and is honest for small samples and for
/// rates at 0% or 100% (0 of 10 answered: 0% to 27.8%, not 0% to 0%).
/// </summary>
public readonly record struct KpiInterval(double Lower, double Upper)
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Half the interval's width, as the CLI prints it (23.1% ±4.2).</summary>
    public double HalfWidth => (Upper - Lower) / 2;

    /// <summary>The 95% Wilson score interval of <paramref name="successes"/> out of <paramref name="trials"/>, in percent; null when there are no trials.</summary>
    public static KpiInterval? Wilson(double successes, long trials)
    {
        if (trials <= 0)
        {
            return null;
        }

        double n = trials;
        var p = Math.Clamp(successes / n, 0, 1);
        const double zz = Z95 * Z95;
        var denominator = 1 + (zz / n);
        var centre = (p + (zz / (2 * n))) / denominator;
        var half = Z95 / denominator * Math.Sqrt((p * (1 - p) / n) + (zz / (4 * n * n)));
        return new KpiInterval(Math.Max(0, centre - half) * 100, Math.Min(1, centre + half) * 100);
    }
}
