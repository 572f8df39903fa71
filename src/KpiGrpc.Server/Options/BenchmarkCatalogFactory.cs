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

    private static Dictionary<KpiName, KpiBenchmark> ToBenchmarks(Dictionary<string, KpiBoundsOptions> kpis)
    {
        var benchmarks = new Dictionary<KpiName, KpiBenchmark>();
        foreach (var (key, bounds) in kpis)
        {
            // Unknown names were reported by the validator at start-up.
            if (KpiCatalogue.Find(key) is { } kpi)
            {
                benchmarks[kpi.Name] = new KpiBenchmark(bounds.GoodAtLeast, bounds.GoodAtMost, bounds.BadBelow, bounds.BadAbove);
            }
        }

        return benchmarks;
    }
}
