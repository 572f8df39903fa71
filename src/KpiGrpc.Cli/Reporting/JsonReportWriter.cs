using System.Text.Json;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Reporting;

/// <summary>
/// JSON Lines: one object per group with the CSV column names. Every KPI key is always
/// present: an absent KPI is null, and "&lt;kpi&gt;_status" and "&lt;kpi&gt;_status_certain"
/// follow each KPI (null when absent); the rates' "&lt;kpi&gt;_lower" and "&lt;kpi&gt;_upper"
/// come last, as in CSV.
/// </summary>
internal sealed class JsonReportWriter(TextWriter output) : IReportWriter
{
    public void Write(ReportLayout layout, IReadOnlyList<KpiGroup> groups)
    {
        foreach (var group in groups)
        {
            WriteLine(layout, group, eventKind: null);
        }
    }

    /// <summary>Writes one group as one line; <paramref name="eventKind"/> adds an "event" member (watch).</summary>
    public void WriteLine(ReportLayout layout, KpiGroup group, string? eventKind)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (eventKind is not null)
            {
                json.WriteString("event", eventKind);
            }

            var keyNames = layout.KeyColumns;
            var keyValues = layout.KeyValues(group.Key ?? new GroupKey());
            for (var i = 0; i < keyNames.Count; i++)
            {
                if (ReportLayout.IsNumeric(keyNames[i]) && int.TryParse(keyValues[i], System.Globalization.CultureInfo.InvariantCulture, out var number))
                {
                    json.WriteNumber(keyNames[i], number);
                }
                else
                {
                    json.WriteString(keyNames[i], keyValues[i]);
                }
            }

            var counts = group.Counts ?? new KpiCounts();
            foreach (var count in ReportColumns.Counts)
            {
                json.WriteNumber(count.Name, count.Value(counts));
            }

            json.WriteBoolean(ReportColumns.LoggedHoursEstimated, counts.LoggedHoursEstimated);
            var kpis = group.Kpis ?? new Kpis();
            foreach (var kpi in layout.Kpis)
            {
                WriteKpi(json, kpi.Name, kpi.Value(kpis));
            }

            foreach (var kpi in ReportColumns.IntervalsOf(layout))
            {
                var value = kpi.Value(kpis);
                WriteBound(json, kpi.LowerName, value?.Interval?.Lower);
                WriteBound(json, kpi.UpperName, value?.Interval?.Upper);
            }

            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private static void WriteKpi(Utf8JsonWriter json, string name, KpiValue? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
            json.WriteNull($"{name}_status");
            json.WriteNull($"{name}_status_certain");
            return;
        }

        json.WriteNumber(name, value.Value);
        json.WriteString($"{name}_status", ReportColumns.StatusName(value.Status));
        json.WriteBoolean($"{name}_status_certain", value.StatusCertain);
    }

    private static void WriteBound(Utf8JsonWriter json, string name, double? bound)
    {
        if (bound is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
