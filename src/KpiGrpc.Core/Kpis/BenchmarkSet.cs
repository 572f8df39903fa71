namespace KpiGrpc.Core.Kpis;

/// <summary>
/// The benchmarks in force for one group: a minimum sample and a benchmark per KPI (a KPI
/// without one is reported as NoBenchmark).
/// </summary>
public sealed record BenchmarkSet(int MinimumSample, IReadOnlyDictionary<KpiName, KpiBenchmark> Benchmarks)
{
    /// <summary>Minimum denominator (calls, or answered calls...) before a KPI is judged.</summary>
    public const int DefaultMinimumSample = 30;

    /// <summary>The catalogue's defaults (the article's figures); KPIs without one have no benchmark.</summary>
    public static readonly BenchmarkSet ArticleDefaults = new(DefaultMinimumSample, CatalogueBenchmarks());

    private static Dictionary<KpiName, KpiBenchmark> CatalogueBenchmarks()
    {
        var benchmarks = new Dictionary<KpiName, KpiBenchmark>();
        foreach (var kpi in KpiCatalogue.All)
        {
            if (kpi.Benchmark is { } benchmark)
            {
                benchmarks[kpi.Name] = benchmark;
            }
        }

        return benchmarks;
    }

    public KpiStatus Judge(KpiName name, double value, long sample)
    {
        if (sample < MinimumSample)
        {
            return KpiStatus.NotEnoughData;
        }

        return Benchmarks.TryGetValue(name, out var benchmark) ? benchmark.Judge(value) : KpiStatus.NoBenchmark;
    }

    /// <summary>
    /// Whether a judged <paramref name="status"/> (good, warning or bad) is the same at both ends
    /// of <paramref name="interval"/>: the benchmark's verdict does not depend on chance.
    /// </summary>
    public bool HoldsOver(KpiName name, KpiStatus status, KpiInterval interval) =>
        status is KpiStatus.Good or KpiStatus.Warning or KpiStatus.Bad
        && Benchmarks.TryGetValue(name, out var benchmark)
        && benchmark.HoldsOver(interval, status);

    /// <summary>This set with <paramref name="overrides"/> laid over it, KPI by KPI.</summary>
    public BenchmarkSet With(int? minimumSample, IReadOnlyDictionary<KpiName, KpiBenchmark> overrides)
    {
        var merged = new Dictionary<KpiName, KpiBenchmark>(Benchmarks);
        foreach (var (name, benchmark) in overrides)
        {
            merged[name] = benchmark;
        }

        return new BenchmarkSet(minimumSample ?? MinimumSample, merged);
    }
}

/// <summary>Default benchmarks plus per-campaign overrides.</summary>
public sealed class BenchmarkCatalog(BenchmarkSet defaults, IReadOnlyDictionary<string, BenchmarkSet> perCampaign)
{
    public static readonly BenchmarkCatalog ArticleDefaults = new(BenchmarkSet.ArticleDefaults, new Dictionary<string, BenchmarkSet>());

    public BenchmarkSet Defaults => defaults;

    /// <summary>The campaign's set when the group is one campaign and it has overrides, else the defaults.</summary>
    public BenchmarkSet For(string? campaignId) =>
        campaignId is not null && perCampaign.TryGetValue(campaignId, out var set) ? set : defaults;
}
