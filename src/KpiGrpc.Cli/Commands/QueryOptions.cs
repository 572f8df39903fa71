using System.CommandLine;
using KpiGrpc.Cli.Reporting;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Commands;

/// <summary>The grouping, filter and time zone options shared by report and watch.</summary>
internal sealed class QueryOptions
{
    private static readonly Dictionary<string, GroupDimension> Dimensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["operator"] = GroupDimension.Operator,
        ["team"] = GroupDimension.Team,
        ["campaign"] = GroupDimension.Campaign,
        ["weekday"] = GroupDimension.Weekday,
        ["hour_of_day"] = GroupDimension.HourOfDay,
    };

    private static readonly Dictionary<string, Granularity> Granularities = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hour"] = Granularity.Hour,
        ["day"] = Granularity.Day,
        ["week"] = Granularity.Week,
        ["month"] = Granularity.Month,
    };

    public Option<string[]> GroupBy { get; } = new("--group-by")
    {
        Description = "Group by operator, team, campaign, weekday and/or hour_of_day (local, in --tz), comma-separated (default: one total row)",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> GranularityOption { get; } = new Option<string?>("--granularity")
    {
        Description = "Split into local calendar periods",
    }.AcceptOnlyFromAmong("hour", "day", "week", "month");

    public Option<string?> TimeZone { get; } =
        TimeZoneOption.Create("IANA time zone for periods and dates, e.g. Europe/Paris (default: UTC)");

    public Option<string[]> KpiNames { get; } = new("--kpis")
    {
        Description = $"Only these KPIs, comma-separated, in every format (default: all): {string.Join(", ", ReportColumns.Kpis.Select(k => k.Name))}",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> Campaigns { get; } = Filter("--campaign", "Only these campaigns");

    public Option<string[]> Teams { get; } = Filter("--team", "Only these teams");

    public Option<string[]> Operators { get; } = Filter("--operator", "Only these operators");

    public void AddTo(Command command)
    {
        command.Add(GroupBy);
        command.Add(GranularityOption);
        command.Add(TimeZone);
        command.Add(KpiNames);
        command.Add(Campaigns);
        command.Add(Teams);
        command.Add(Operators);
    }

    /// <summary>The layout and zone the user asked for; throws <see cref="CliUsageException"/> when unknown.</summary>
    public ReportLayout ReadLayout(ParseResult parseResult)
    {
        var requested = Split(parseResult.GetValue(GroupBy))
            .Select(name => Dimensions.TryGetValue(name, out var dimension)
                ? dimension
                : throw new CliUsageException($"--group-by: '{name}' is not one of operator, team, campaign, weekday, hour_of_day"))
            .ToHashSet();
        var granularity = parseResult.GetValue(GranularityOption) is { } g ? Granularities[g] : Granularity.Unspecified;
        return new ReportLayout([.. Dimensions.Values.Where(requested.Contains)], granularity, TimeZoneOption.Read(parseResult, TimeZone))
        {
            Kpis = ReadKpis(parseResult),
        };
    }

    /// <summary>The KPI columns --kpis names, in catalogue order; every KPI when it is absent.</summary>
    private IReadOnlyList<KpiColumn> ReadKpis(ParseResult parseResult)
    {
        var names = Split(parseResult.GetValue(KpiNames)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (names.Count == 0)
        {
            return ReportColumns.Kpis;
        }

        var unknown = names.Where(name => !ReportColumns.Kpis.Any(kpi => string.Equals(kpi.Name, name, StringComparison.OrdinalIgnoreCase))).ToList();
        return unknown.Count == 0
            ? [.. ReportColumns.Kpis.Where(kpi => names.Contains(kpi.Name))]
            : throw new CliUsageException($"--kpis: '{unknown[0]}' is not a KPI; choose from {string.Join(", ", ReportColumns.Kpis.Select(k => k.Name))}");
    }

    public KpiFilter ReadFilter(ParseResult parseResult) => new()
    {
        CampaignIds = { Split(parseResult.GetValue(Campaigns)) },
        TeamIds = { Split(parseResult.GetValue(Teams)) },
        OperatorIds = { Split(parseResult.GetValue(Operators)) },
    };

    private static Option<string[]> Filter(string name, string description) => new(name)
    {
        Description = $"{description} (repeat the option or separate ids with commas)",
        AllowMultipleArgumentsPerToken = true,
    };

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
