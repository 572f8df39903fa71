using System.Globalization;
using KpiGrpc.V1;
using Spectre.Console;
using Spectre.Console.Rendering;
using KpiUnit = KpiGrpc.Core.Kpis.KpiUnit;

namespace KpiGrpc.Cli.Reporting;

/// <summary>
/// Groups as terminal tables that never wrap a figure: main counts, then the KPIs (every one, or
/// those of <c>--kpis</c>) coloured by their status. One table when it fits the terminal; else a
/// counts table, then the KPIs spread over as many tables as the width needs, each repeating the
/// group's key (an 80-column terminal shows the ten KPIs in two).
/// </summary>
internal static class KpiTable
{
    private static readonly TableCell[] Counts =
    [
        new("Dialed", c => Whole(c.Dialed)),
        new("Answered", c => Whole(c.Answered)),
        new("Pitched", c => Whole(c.Pitched)),
        new("Appts", c => Whole(c.Appointments)),
        new("Sales", c => Whole(c.Sales)),
        new("Hours", c => c.LoggedHours.ToString("0.0", CultureInfo.CurrentCulture) + (c.LoggedHoursEstimated ? "~" : "")),
    ];

    private const string Legend = "[green]good[/] [yellow]warning[/] [red]bad[/] [grey]not enough data[/]  ±: 95% confidence  Hours~ estimated from calls  Call/Talk: average seconds per dialed/answered call";

    public static IRenderable Build(ReportLayout layout, IReadOnlyCollection<KpiGroup> groups, IAnsiConsole console)
    {
        var width = console.Profile.Width;
        var options = RenderOptions.Create(console);
        var kpis = layout.Kpis.Select(k => new TableCell(k.Header, null, k)).ToArray();
        var single = Table(layout, groups, [.. Counts, .. kpis]);
        if (Fits(single, options, width))
        {
            return single.Caption(Legend);
        }

        var tables = new List<Table> { Table(layout, groups, Counts) };
        var columns = new List<TableCell>();
        foreach (var kpi in kpis)
        {
            // A table holds at least one KPI, however narrow the terminal: then that one wraps.
            if (columns.Count > 0 && !Fits(Table(layout, groups, [.. columns, kpi]), options, width))
            {
                tables.Add(Table(layout, groups, columns));
                columns = [];
            }

            columns.Add(kpi);
        }

        if (columns.Count > 0)
        {
            tables.Add(Table(layout, groups, columns));
        }

        tables[^1].Caption(Legend);
        return new Rows(tables);
    }

    /// <summary>Whether the table's natural width (every cell on one line) fits the terminal.</summary>
    private static bool Fits(Table table, RenderOptions options, int width) =>
        ((IRenderable)table).Measure(options, width).Max <= width;

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
            KpiUnit.Percent when value.Interval is { } interval => value.Value.ToString("0.0", CultureInfo.CurrentCulture) + "% ±"
                + ((interval.Upper - interval.Lower) / 2).ToString("0.0", CultureInfo.CurrentCulture),
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
