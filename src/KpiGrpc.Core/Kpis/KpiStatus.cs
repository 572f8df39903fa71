namespace KpiGrpc.Core.Kpis;

/// <summary>A KPI value against its benchmark.</summary>
public enum KpiStatus
{
    Good = 1,
    Warning = 2,
    Bad = 3,
    NotEnoughData = 4,
    NoBenchmark = 5,
}

/// <summary>One computed KPI.</summary>
public readonly record struct KpiValue(double Value, KpiStatus Status)
{
    /// <summary>A rate's 95% confidence interval (<see cref="KpiInterval.Wilson"/>); null for other KPIs.</summary>
    public KpiInterval? Interval { get; init; }

    /// <summary>
    /// The status holds over the whole interval: the rate is good, a warning or bad and not by
    /// chance. False without an interval, and for NotEnoughData and NoBenchmark.
    /// </summary>
    public bool StatusCertain { get; init; }
}
