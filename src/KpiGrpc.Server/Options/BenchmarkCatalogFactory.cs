using KpiGrpc.Core.Kpis;

namespace KpiGrpc.Server.Options;

/// <summary>Turns validated benchmark settings into the Core catalog the query engine judges with.</summary>
public static class BenchmarkCatalogFactory
{
    public static BenchmarkCatalog Create(BenchmarkOptions options)
    {
        var defaults = BenchmarkSet.ArticleDefaults.With(options.MinimumSample, ToBenchmarks(options.Kpis));
        var perCampaign = new Dictionary<string, BenchmarkSet>(StringComparer.Ordinal);
        foreach (var (campaignId, campaign) in options.Campaigns)
        {
            perCampaign[campaignId] = defaults.With(campaign.MinimumSample, ToBenchmarks(campaign.Kpis));
        }

        return new BenchmarkCatalog(defaults, perCampaign);
    }

    /// <summary>The KPI whose snake_case name is <paramref name="key"/> (as in the proto), or null.</summary>
    public static KpiName? FindKpi(string key)
    {
        foreach (var kpi in KpiNames.All)
        {
            if (string.Equals(kpi.ToSnakeCase(), key, StringComparison.OrdinalIgnoreCase))
            {
                return kpi;
            }
        }

        return null;
    }

    private static Dictionary<KpiName, KpiBenchmark> ToBenchmarks(Dictionary<string, KpiBoundsOptions> kpis)
    {
        var benchmarks = new Dictionary<KpiName, KpiBenchmark>();
        foreach (var (key, bounds) in kpis)
        {
            // Unknown names were reported by the validator at start-up.
            if (FindKpi(key) is { } kpi)
            {
                benchmarks[kpi] = new KpiBenchmark(bounds.GoodAtLeast, bounds.GoodAtMost, bounds.BadBelow, bounds.BadAbove);
            }
        }

        return benchmarks;
    }
}
