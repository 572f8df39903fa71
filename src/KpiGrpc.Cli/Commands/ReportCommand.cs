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
        var server = ServerOption.Create();
        var apiKey = ServerOption.CreateApiKey();
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

        var command = new Command("report", "Print the KPIs of a time range") { server, apiKey, from, to, format };
        query.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var url = parse.GetValue(server)!;
            return CommandErrors.RunAsync(url, async () =>
            {
                var layout = query.ReadLayout(parse);
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
                using var channel = ServerOption.OpenChannel(url, ServerOption.ReadApiKey(parse, apiKey));
                var groups = await QueryPages.AllGroupsAsync(new KpiService.KpiServiceClient(channel), request, cancellationToken);
                ReportFormatOption.Writer(parse, format).Write(layout, groups);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
