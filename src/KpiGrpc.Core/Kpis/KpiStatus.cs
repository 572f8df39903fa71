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
public readonly record struct KpiValue(double Value, KpiStatus Status);
