using System.Globalization;
using KpiGrpc.V1;
using Spectre.Console;
using Spectre.Console.Rendering;
using KpiCatalogue = KpiGrpc.Core.Kpis.KpiCatalogue;
using KpiCounters = KpiGrpc.Core.Counting.KpiCounters;
using KpiDefinition = KpiGrpc.Core.Kpis.KpiDefinition;
using KpiUnit = KpiGrpc.Core.Kpis.KpiUnit;

namespace KpiGrpc.Cli.Reporting;

/// <summary>
/// One KPI as a local weekday x hour grid (<c>kpi report --heatmap answer_rate</c>), each cell
/// shaded by its value from the lowest to the highest of the grid, so that a manager sees at a
/// glance when a list picks up; the caption names the thinnest cell and its sample, the figure
/// to distrust first.
/// </summary>
internal static class KpiHeatmap
{
    /// <summary>From the lowest value of the grid to the highest.</summary>
    private static readonly string[] Shades = ["grey42", "deepskyblue4", "dodgerblue3", "dodgerblue1", "aqua"];

    public static IRenderable Build(string kpiName, IReadOnlyCollection<KpiGroup> groups)
    {
        var kpi = KpiCatalogue.Find(kpiName) ?? throw new ArgumentException($"unknown KPI {kpiName}", nameof(kpiName));
        var column = KpiColumn.Of(kpi);
        var cells = groups
            .Where(group => group.Key is { Weekday: not Weekday.Unspecified })
            .Select(group => new Cell((int)group.Key.Weekday, group.Key.HourOfDay, column.Value(group.Kpis ?? new Kpis())?.Value, Sample(kpi, group.Counts)))
            .ToList();
        var valued = cells.Where(cell => cell.Value is not null).ToList();
        if (valued.Count == 0)
        {
            return new Markup($"[grey]No {kpi.Field} in this range: no calls in its sample.[/]");
        }

        var (low, high) = (valued.Min(cell => cell.Value!.Value), valued.Max(cell => cell.Value!.Value));
        var (firstHour, lastHour) = (cells.Min(cell => cell.Hour), cells.Max(cell => cell.Hour));
        var table = new Table().Border(TableBorder.Rounded).AddColumn(new TableColumn("").NoWrap());
        for (var hour = firstHour; hour <= lastHour; hour++)
        {
            table.AddColumn(new TableColumn($"{hour:00}h").RightAligned().NoWrap().PadLeft(0));
        }

        var byPlace = cells.ToDictionary(cell => (cell.Day, cell.Hour));
        foreach (var day in cells.Select(cell => cell.Day).Distinct().Order())
        {
            var row = new List<string> { DayName(day) };
            for (var hour = firstHour; hour <= lastHour; hour++)
            {
                row.Add(byPlace.TryGetValue((day, hour), out var cell) && cell.Value is { } value
                    ? $"[{Shade(value, low, high)}]{Format(value, kpi.Unit)}[/]"
                    : "[grey]·[/]");
            }

            table.AddRow(row.ToArray());
        }

        var thinnest = valued.MinBy(cell => cell.Sample)!;
        return table.Caption(
            $"{kpi.Field} by local weekday and hour, from {Format(low, kpi.Unit)} (grey) to {Format(high, kpi.Unit)} (bright); "
            + $"· no calls; thinnest cell {DayName(thinnest.Day)} {thinnest.Hour:00}h: {thinnest.Sample:N0} in its sample");
    }

    /// <summary>The KPI's own sample (its denominator: dialed, pitched...), read from the group's counts.</summary>
    private static long Sample(KpiDefinition kpi, KpiCounts? counts)
    {
        counts ??= new KpiCounts();
        var counters = new KpiCounters(counts.Dialed, counts.Connected, counts.Answered, counts.Rejected, counts.Pitched,
            counts.Appointments, counts.Sales, counts.Dropped, (long)Math.Round(counts.TalkSeconds * 1000), (long)Math.Round(counts.LoggedHours * 3_600_000));
        return kpi.Formula.Sample(counters);
    }

    private static string Shade(double value, double low, double high) =>
        high > low ? Shades[(int)Math.Round((value - low) / (high - low) * (Shades.Length - 1))] : Shades[^1];

    private static string Format(double value, KpiUnit unit) => unit switch
    {
        KpiUnit.Percent => value.ToString("0", CultureInfo.CurrentCulture) + "%",
        KpiUnit.Seconds => value.ToString("0", CultureInfo.CurrentCulture) + "s",
        _ => value.ToString("0.0", CultureInfo.CurrentCulture),
    };

    private static string DayName(int isoDay) => CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedDayNames[isoDay % 7];

    private sealed record Cell(int Day, int Hour, double? Value, long Sample);
}
