using System.Globalization;
using KpiGrpc.V1;
using Spectre.Console;
using Spectre.Console.Rendering;
using KpiUnit = KpiGrpc.Core.Kpis.KpiUnit;

namespace KpiGrpc.Cli.Reporting;

/// <summary>
/// Groups as terminal tables: main counts, then every KPI coloured by its status. One table on
/// a wide terminal; a counts table above a KPI table on a narrow one.
/// </summary>
internal static class KpiTable
{
    /// <summary>Columns a single table needs to stay readable.</summary>
    private const int SingleTableWidth = 160;

    private static readonly TableCell[] Counts =
    [
        new("Dialed", c => Whole(c.Dialed)),
        new("Answered", c => Whole(c.Answered)),
        new("Pitched", c => Whole(c.Pitched)),
        new("Appts", c => Whole(c.Appointments)),
        new("Sales", c => Whole(c.Sales)),
        new("Hours", c => c.LoggedHours.ToString("0.0", CultureInfo.CurrentCulture) + (c.LoggedHoursEstimated ? "~" : "")),
    ];

    private const string Legend = "[green]good[/] [yellow]warning[/] [red]bad[/] [grey]not enough data[/]  Hours~ estimated from calls  Call/Talk: average seconds per dialed/answered call";

    public static IRenderable Build(ReportLayout layout, IReadOnlyCollection<KpiGroup> groups, int consoleWidth)
    {
        var kpis = ReportColumns.Kpis.Select(k => new TableCell(k.Header, null, k)).ToArray();
        if (consoleWidth >= SingleTableWidth)
        {
            return Table(layout, groups, [.. Counts, .. kpis]).Caption(Legend);
        }

        return new Rows(Table(layout, groups, Counts), Table(layout, groups, kpis).Caption(Legend));
    }

    private static Table Table(ReportLayout layout, IReadOnlyCollection<KpiGroup> groups, IReadOnlyList<TableCell> cells)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var key in layout.KeyColumns)
        {
            table.AddColumn(new TableColumn(key == "period_start" ? "period" : key.Replace("_id", "", StringComparison.Ordinal)).NoWrap());
        }

        foreach (var cell in cells)
        {
            table.AddColumn(new TableColumn(cell.Header).RightAligned().NoWrap().PadLeft(0));
        }

        foreach (var group in groups)
        {
            var counts = group.Counts ?? new KpiCounts();
            var kpis = group.Kpis ?? new Kpis();
            table.AddRow(
            [
                .. layout.KeyLabels(group.Key ?? new GroupKey()).Select(v => Markup.Escape(v.Length == 0 ? "(none)" : v)),
                .. cells.Select(c => c.Kpi is null ? c.Count!(counts) : KpiCell(c.Kpi, c.Kpi.Value(kpis))),
            ]);
        }

        return table;
    }

    private static string Whole(long value) => value.ToString("N0", CultureInfo.CurrentCulture);

    private static string KpiCell(KpiColumn column, KpiValue? value)
    {
        if (value is null)
        {
            return "[grey]-[/]";
        }

        var text = column.Unit switch
        {
            KpiUnit.Percent => value.Value.ToString("0.0", CultureInfo.CurrentCulture) + "%",
            KpiUnit.Seconds => value.Value.ToString("0", CultureInfo.CurrentCulture) + "s",
            _ => value.Value.ToString("0.0", CultureInfo.CurrentCulture),
        };
        var colour = value.Status switch
        {
            KpiStatus.Good => "green",
            KpiStatus.Warning => "yellow",
            KpiStatus.Bad => "red",
            KpiStatus.NotEnoughData => "grey",
            _ => null,
        };
        return colour is null ? text : $"[{colour}]{text}[/]";
    }

    /// <summary>A value column: a count read from <see cref="KpiCounts"/>, or a KPI.</summary>
    private sealed record TableCell(string Header, Func<KpiCounts, string>? Count, KpiColumn? Kpi = null);
}
