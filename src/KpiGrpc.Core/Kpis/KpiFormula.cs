using KpiGrpc.Core.Counting;

namespace KpiGrpc.Core.Kpis;

/// <summary>
/// How a KPI is computed from a group's counts: a part over a whole, absent when the whole is
/// zero. The sample (the calls the KPI speaks of) decides whether there is enough data to judge
/// it; it is the whole, except for per-hour rates, whose sample is the count they divide.
/// </summary>
public sealed class KpiFormula
{
    private readonly Func<KpiCounters, double> _part;
    private readonly Func<KpiCounters, long> _sample;
    private readonly bool _overLoggedHours;
    private readonly double _scale;

    private KpiFormula(Func<KpiCounters, double> part, Func<KpiCounters, long> sample, bool overLoggedHours, double scale)
    {
        _part = part;
        _sample = sample;
        _overLoggedHours = overLoggedHours;
        _scale = scale;
    }

    /// <summary>part / of x 100; <paramref name="of"/> is the sample.</summary>
    public static KpiFormula Percent(Func<KpiCounters, double> part, Func<KpiCounters, long> of) => new(part, of, false, 100.0);

    /// <summary>total / per, e.g. talk seconds per answered call; <paramref name="per"/> is the sample.</summary>
    public static KpiFormula Average(Func<KpiCounters, double> total, Func<KpiCounters, long> per) => new(total, per, false, 1.0);

    /// <summary>count / logged hours; <paramref name="count"/> is the sample.</summary>
    public static KpiFormula PerLoggedHour(Func<KpiCounters, long> count) => new(c => count(c), count, true, 1.0);

    /// <summary>The value, or null when the whole is zero (never 0 or NaN).</summary>
    public double? Value(KpiCounters counters, double loggedHours) => Evaluate(counters, loggedHours).Value;

    /// <summary>Whether the KPI is a rate (a percentage of calls), which has a confidence interval.</summary>
    public bool IsRate => !_overLoggedHours && _scale == 100.0;

    /// <summary>A rate's 95% Wilson interval in percent; null for other KPIs and when the whole is zero.</summary>
    public KpiInterval? Interval(KpiCounters counters) => IsRate ? KpiInterval.Wilson(_part(counters), _sample(counters)) : null;

    /// <summary>The count compared with the minimum sample before the value is judged.</summary>
    public long Sample(KpiCounters counters) => _sample(counters);

    /// <summary>The value and the sample, reading the sample once.</summary>
    internal (double? Value, long Sample) Evaluate(KpiCounters counters, double loggedHours)
    {
        var sample = _sample(counters);
        double whole = _overLoggedHours ? loggedHours : sample;
        return (whole > 0 ? _part(counters) / whole * _scale : null, sample);
    }
}
