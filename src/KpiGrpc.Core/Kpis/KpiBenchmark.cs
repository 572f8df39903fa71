namespace KpiGrpc.Core.Kpis;

/// <summary>
/// Where a KPI is good, a warning or bad. A value outside [BadBelow, BadAbove] is bad; inside
/// [GoodAtLeast, GoodAtMost] it is good; anywhere else a warning. Unset bounds are open.
/// </summary>
public sealed record KpiBenchmark(double? GoodAtLeast = null, double? GoodAtMost = null, double? BadBelow = null, double? BadAbove = null)
{
    public KpiStatus Judge(double value)
    {
        if (value < BadBelow || value > BadAbove)
        {
            return KpiStatus.Bad;
        }

        var good = (GoodAtLeast is null || value >= GoodAtLeast) && (GoodAtMost is null || value <= GoodAtMost);
        return good ? KpiStatus.Good : KpiStatus.Warning;
    }

    /// <summary>Whether every value of <paramref name="interval"/> is judged <paramref name="status"/>: no bound falls inside it.</summary>
    public bool HoldsOver(KpiInterval interval, KpiStatus status) =>
        Judge(interval.Lower) == status
        && Judge(interval.Upper) == status
        && !new[] { GoodAtLeast, GoodAtMost, BadBelow, BadAbove }.Any(bound => bound > interval.Lower && bound < interval.Upper);
}
