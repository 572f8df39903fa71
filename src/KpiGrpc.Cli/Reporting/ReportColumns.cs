using KpiGrpc.V1;
using KpiCatalogue = KpiGrpc.Core.Kpis.KpiCatalogue;
using KpiDefinition = KpiGrpc.Core.Kpis.KpiDefinition;
using KpiUnit = KpiGrpc.Core.Kpis.KpiUnit;

namespace KpiGrpc.Cli.Reporting;

/// <summary>A count column: its name and how to read it.</summary>
internal sealed record CountColumn(string Name, Func<KpiCounts, double> Value);

/// <summary>
/// A KPI column of the catalogue: its name, table header and unit, read from its kpi.v1.Kpis
/// field through the generated property, whose name is the KpiName (list_validity_rate ->
/// ListValidityRate). Plain reflection rather than the proto descriptor, whose construction
/// costs more than a short kpi run should spend.
/// </summary>
internal sealed record KpiColumn(string Name, string Header, KpiUnit Unit, Func<Kpis, KpiValue?> Value)
{
    /// <summary>A rate, whose value carries a 95% confidence interval (lower and upper).</summary>
    public bool IsRate { get; init; }

    /// <summary>The CSV and JSON names of the interval's bounds.</summary>
    public string LowerName => Name + "_lower";

    public string UpperName => Name + "_upper";

    public static KpiColumn Of(KpiDefinition kpi) => new(kpi.Field, kpi.Header, kpi.Unit, Getter(kpi)) { IsRate = kpi.Formula.IsRate };

    private static Func<Kpis, KpiValue?> Getter(KpiDefinition kpi)
    {
        var property = typeof(Kpis).GetProperty(kpi.Name.ToString());
        return property?.PropertyType == typeof(KpiValue)
            ? property.GetMethod!.CreateDelegate<Func<Kpis, KpiValue?>>()
            : throw new InvalidOperationException($"kpi.v1.Kpis has no field {kpi.Field} for KPI {kpi.Name}.");
    }
}

/// <summary>The count and KPI columns of every report format, in order, with the names scripts rely on.</summary>
internal static class ReportColumns
{
    public const string LoggedHoursEstimated = "logged_hours_estimated";

    /// <summary>The counts before logged_hours_estimated.</summary>
    public static IReadOnlyList<CountColumn> Counts { get; } =
    [
        new("dialed", c => c.Dialed),
        new("connected", c => c.Connected),
        new("answered", c => c.Answered),
        new("rejected", c => c.Rejected),
        new("pitched", c => c.Pitched),
        new("appointments", c => c.Appointments),
        new("sales", c => c.Sales),
        new("dropped", c => c.Dropped),
        new("talk_seconds", c => c.TalkSeconds),
        new("logged_hours", c => c.LoggedHours),
    ];

    /// <summary>Every KPI of the catalogue, in its order.</summary>
    public static IReadOnlyList<KpiColumn> Kpis { get; } = [.. KpiCatalogue.All.Select(KpiColumn.Of)];

    /// <summary>
    /// Every column of a CSV report for <paramref name="layout"/>, in order: the intervals of the
    /// rates come last, so that the columns before them keep their places.
    /// </summary>
    public static IReadOnlyList<string> Header(ReportLayout layout) =>
    [
        .. layout.KeyColumns, .. Counts.Select(c => c.Name), LoggedHoursEstimated, .. layout.Kpis.Select(k => k.Name),
        .. IntervalsOf(layout).SelectMany(k => new[] { k.LowerName, k.UpperName }),
    ];

    /// <summary>The KPIs of <paramref name="layout"/> that carry an interval: its rates.</summary>
    public static IEnumerable<KpiColumn> IntervalsOf(ReportLayout layout) => layout.Kpis.Where(k => k.IsRate);

    /// <summary>The status as scripts spell it, e.g. "not_enough_data".</summary>
    public static string StatusName(KpiStatus status) => status switch
    {
        KpiStatus.Good => "good",
        KpiStatus.Warning => "warning",
        KpiStatus.Bad => "bad",
        KpiStatus.NotEnoughData => "not_enough_data",
        KpiStatus.NoBenchmark => "no_benchmark",
        _ => "unspecified",
    };
}
