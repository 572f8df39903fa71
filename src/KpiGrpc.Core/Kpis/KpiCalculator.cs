using KpiGrpc.Core.Counting;

namespace KpiGrpc.Core.Kpis;

/// <summary>Every KPI of the catalogue for one group's counts.</summary>
public static class KpiCalculator
{
    /// <summary>Every KPI with its status; <paramref name="loggedHours"/> is from sessions or estimated.</summary>
    public static KpiSet Compute(KpiCounters counters, double loggedHours, BenchmarkSet benchmarks)
    {
        var values = new KpiValue?[KpiCatalogue.All.Count];
        foreach (var kpi in KpiCatalogue.All)
        {
            var (value, sample) = kpi.Formula.Evaluate(counters, loggedHours);
            if (value is { } v)
            {
                var status = benchmarks.Judge(kpi.Name, v, sample);
                var interval = kpi.Formula.Interval(counters);
                values[(int)kpi.Name] = new KpiValue(v, status)
                {
                    Interval = interval,
                    StatusCertain = interval is { } range && benchmarks.HoldsOver(kpi.Name, status, range),
                };
            }
        }

        return new KpiSet(values);
    }
}
