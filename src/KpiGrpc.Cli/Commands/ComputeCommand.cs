using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Cli.Compute;
using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Reporting;
using KpiGrpc.Cli.Time;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Commands;

/// <summary>
/// kpi compute: streams a log to the server's ComputeKpis and prints its KPIs like kpi report,
/// without storing anything.
/// </summary>
internal static class ComputeCommand
{
    public static Command Create()
    {
        var server = ServerOption.Create();
        var apiKey = ServerOption.CreateApiKey();
        var query = new QueryOptions();
        var calls = new Argument<string>("FILE") { Description = "File of calls" };
        var results = new Option<string?>("--results") { Description = "File of appointment results (sales, close_rate)" };
        var sessions = new Option<string?>("--sessions") { Description = "File of operator sessions (logged hours, calls_per_hour)" };
        var from = new Option<string?>("--from")
        {
            Description = "Start (inclusive): an ISO instant, or a date meaning local midnight in --tz (default: the first call's 15-minute slot)",
        };
        var to = new Option<string?>("--to")
        {
            Description = "End (exclusive): an ISO instant or a date (default: the end of the last call's 15-minute slot)",
        };
        var format = ReportFormatOption.Create();
        var input = new InputFormatOptions(acceptFormatAlias: false, sharedTimeZone: query.TimeZone);
        var batchSize = BatchSizeOption.Create(defaultSize: 20_000);

        var command = new Command("compute", "Compute the KPIs of files without storing them; exits 1 if any line was rejected")
        {
            calls, server, apiKey, results, sessions, from, to, format, batchSize,
        };
        query.AddTo(command);
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var url = parse.GetValue(server)!;
            return CommandErrors.RunAsync(url, async () =>
            {
                var size = BatchSizeOption.Read(parse, batchSize);
                var layout = query.ReadLayout(parse);
                var request = new ComputeKpisQuery
                {
                    From = Bound(parse.GetValue(from), "--from", layout.Zone),
                    To = Bound(parse.GetValue(to), "--to", layout.Zone),
                    Filter = query.ReadFilter(parse),
                    GroupBy = { layout.GroupBy },
                    Granularity = layout.Granularity,
                    TimeZone = layout.TimeZoneId,
                };
                using var inputs = ComputeFiles.Open(parse.GetValue(calls)!, parse.GetValue(results), parse.GetValue(sessions), input.Read(parse));
                request.ExpectedCalls = LineEstimate.Of(parse.GetValue(calls)!);
                using var channel = ServerOption.OpenChannel(url, ServerOption.ReadApiKey(parse, apiKey));
                var outcome = await new ComputeUpload(new ComputeService.ComputeServiceClient(channel), size)
                    .RunAsync(request, inputs, cancellationToken);
                ReportFormatOption.Writer(parse, format).Write(layout, outcome.Groups);
                return PrintSummary(inputs, outcome);
            }, cancellationToken);
        });
        return command;
    }

    private static Timestamp? Bound(string? text, string option, TimeZoneInfo zone) =>
        text is null ? null : Timestamp.FromDateTimeOffset(ReportRange.ParseBound(text, option, zone));

    /// <summary>Refused lines and per-file totals on stderr (stdout holds the report); exit 1 when a line was refused.</summary>
    private static int PrintSummary(ComputeInputs inputs, ComputeOutcome outcome)
    {
        foreach (var rejection in outcome.Rejections)
        {
            Console.Error.WriteLine($"{rejection.File} line {rejection.LineNumber}: {rejection.Reason}");
        }

        var summary = outcome.Summary;
        PrintTotals(inputs.Calls.Name, summary.Calls, outcome);
        if (inputs.Results is { } results)
        {
            PrintTotals(results.Name, summary.Results, outcome);
        }

        if (inputs.Sessions is { } sessions)
        {
            PrintTotals(sessions.Name, summary.Sessions, outcome);
        }

        return outcome.Rejections.Count > 0 ? ExitCodes.RejectedLines : ExitCodes.Success;
    }

    private static void PrintTotals(string file, ComputeKpisTotals? totals, ComputeOutcome outcome)
    {
        totals ??= new ComputeKpisTotals();
        Console.Error.WriteLine(
            $"{file}: accepted {totals.Accepted}, duplicates {totals.Duplicates}, replaced {totals.Replaced}, stale {totals.Stale}, rejected {outcome.RejectedLines(file)}");
    }
}
