using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Cli.Reporting;
using KpiGrpc.Cli.Time;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Commands;

/// <summary>kpi report: the KPIs of a time range, as a table, CSV or JSON lines.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var server = new ServerOption();
        var query = new QueryOptions();
        var from = new Option<string?>("--from")
        {
            Description = $"Start (inclusive): an ISO instant, or a date meaning local midnight in --tz (default: {ReportRange.DefaultDays} days before --to)",
        };
        var to = new Option<string?>("--to")
        {
            Description = "End (exclusive): an ISO instant or a date (default: the next local midnight)",
        };
        var format = ReportFormatOption.Create();
        var heatmap = new Option<string?>("--heatmap")
        {
            Description = "Print one KPI (e.g. answer_rate) as a local weekday x hour grid in --tz; groups by weekday and hour itself",
        };

        var command = new Command("report", "Print the KPIs of a time range") { from, to, format, heatmap };
        server.AddTo(command);
        query.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var connection = server.Read(parse);
            return CommandErrors.RunAsync(connection.Url, async () =>
            {
                var layout = query.ReadLayout(parse);
                var heatmapKpi = parse.GetValue(heatmap);
                if (heatmapKpi is not null)
                {
                    layout = HeatmapLayout(layout, heatmapKpi);
                }

                var range = ReportRange.Resolve(parse.GetValue(from), parse.GetValue(to), layout.Zone, DateTimeOffset.UtcNow);
                var request = new QueryKpisRequest
                {
                    From = Timestamp.FromDateTimeOffset(range.From),
                    To = Timestamp.FromDateTimeOffset(range.To),
                    Filter = query.ReadFilter(parse),
                    GroupBy = { layout.GroupBy },
                    Granularity = layout.Granularity,
                    TimeZone = layout.TimeZoneId,
                };
                using var channel = connection.OpenChannel();
                var groups = await QueryPages.AllGroupsAsync(new KpiService.KpiServiceClient(channel), request, cancellationToken);
                if (heatmapKpi is not null)
                {
                    Spectre.Console.AnsiConsole.Write(KpiHeatmap.Build(heatmapKpi, groups));
                }
                else
                {
                    ReportFormatOption.Writer(parse, format).Write(layout, groups);
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>The layout of a heatmap: weekday and hour only, and a KPI the catalogue knows.</summary>
    internal static ReportLayout HeatmapLayout(ReportLayout asked, string kpi)
    {
        if (asked.GroupBy.Count > 0 || asked.Granularity != Granularity.Unspecified)
        {
            throw new CliUsageException("--heatmap groups by local weekday and hour itself: drop --group-by and --granularity (filter with --campaign, --team or --operator)");
        }

        if (Core.Kpis.KpiCatalogue.Find(kpi) is null)
        {
            throw new CliUsageException($"--heatmap: '{kpi}' is not a KPI; choose from {string.Join(", ", ReportColumns.Kpis.Select(k => k.Name))}");
        }

        return asked with { GroupBy = [GroupDimension.Weekday, GroupDimension.HourOfDay] };
    }
}
