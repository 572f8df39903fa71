using KpiGrpc.V1;
using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Reporting;

/// <summary>
/// One CSV row per group: key columns, counts, then KPIs. An absent KPI (zero denominator) is
/// an empty cell; numbers use the invariant culture.
/// </summary>
internal sealed class CsvReportWriter(TextWriter output) : IReportWriter
{
    public void Write(ReportLayout layout, IReadOnlyList<KpiGroup> groups)
    {
        var header = ReportColumns.Header(layout);
        using var writer = Sep.New(',').Writer(o => o with { Escape = true, WriteHeader = false }).To(output, leaveOpen: true);
        using (var headerRow = writer.NewRow())
        {
            for (var i = 0; i < header.Count; i++)
            {
                headerRow[i].Set(header[i]);
            }
        }

        foreach (var group in groups)
        {
            using var row = writer.NewRow();
            var column = 0;
            foreach (var value in Cells(layout, group))
            {
                row[column++].Set(value);
            }
        }
    }

    /// <summary>The cells of one group, in header order.</summary>
    public static IEnumerable<string> Cells(ReportLayout layout, KpiGroup group)
    {
        var counts = group.Counts ?? new KpiCounts();
        var kpis = group.Kpis ?? new Kpis();
        foreach (var key in layout.KeyValues(group.Key ?? new GroupKey()))
        {
            yield return key;
        }

        foreach (var count in ReportColumns.Counts)
        {
            yield return Invariant.Number(count.Value(counts));
        }

        yield return Invariant.Boolean(counts.LoggedHoursEstimated);
        foreach (var kpi in layout.Kpis)
        {
            yield return kpi.Value(kpis) is { } value ? Invariant.Number(value.Value) : "";
        }

        foreach (var kpi in ReportColumns.IntervalsOf(layout))
        {
            var value = kpi.Value(kpis);
            yield return value?.Interval is { } interval ? Invariant.Number(interval.Lower) : "";
            yield return value?.Interval is { } bounds ? Invariant.Number(bounds.Upper) : "";
        }
    }
}
