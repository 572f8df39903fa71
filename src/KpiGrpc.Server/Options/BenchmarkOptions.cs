namespace KpiGrpc.Server.Options;

/// <summary>
/// Benchmarks laid over the article's defaults (<c>Kpi:Benchmarks</c> section), e.g.
/// <c>Kpi:Benchmarks:Kpis:pitch_rate:GoodAtLeast = 25</c> or
/// <c>Kpi:Benchmarks:Campaigns:solar-2025:MinimumSample = 50</c>.
/// </summary>
public sealed class BenchmarkOptions
{
    public const string SectionName = "Kpi:Benchmarks";

    /// <summary>Minimum denominator before a KPI is judged; unset keeps the default (30).</summary>
    public int? MinimumSample { get; set; }

    /// <summary>Bounds per KPI, keyed by snake_case KPI name; each replaces that KPI's default benchmark.</summary>
    public Dictionary<string, KpiBoundsOptions> Kpis { get; set; } = [];

    /// <summary>Overrides per campaign id, laid over the settings above.</summary>
    public Dictionary<string, CampaignBenchmarkOptions> Campaigns { get; set; } = [];
}

/// <summary>One campaign's overrides.</summary>
public sealed class CampaignBenchmarkOptions
{
    /// <summary>Minimum denominator for this campaign; unset keeps the global one.</summary>
    public int? MinimumSample { get; set; }

    /// <summary>Bounds per KPI for this campaign, keyed by snake_case KPI name.</summary>
    public Dictionary<string, KpiBoundsOptions> Kpis { get; set; } = [];
}

/// <summary>Where one KPI is good, a warning or bad; unset bounds are open.</summary>
public sealed class KpiBoundsOptions
{
    /// <summary>Good when the value is at least this.</summary>
    public double? GoodAtLeast { get; set; }

    /// <summary>Good when the value is at most this.</summary>
    public double? GoodAtMost { get; set; }

    /// <summary>Bad when the value is below this.</summary>
    public double? BadBelow { get; set; }

    /// <summary>Bad when the value is above this.</summary>
    public double? BadAbove { get; set; }
}
