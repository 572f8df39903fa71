using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using KpiGrpc.Cli.Reporting;
using KpiGrpc.Cli.Time;
using KpiGrpc.Cli.Watching;
using KpiGrpc.V1;
using Spectre.Console;

namespace KpiGrpc.Cli.Commands;

/// <summary>kpi watch: KPIs updated live until Ctrl+C.</summary>
internal static class WatchCommand
{
    private static readonly Dictionary<string, CurrentPeriod> Periods = new()
    {
        ["day"] = CurrentPeriod.Day,
        ["week"] = CurrentPeriod.Week,
        ["month"] = CurrentPeriod.Month,
    };

    public static Command Create()
    {
        var server = new ServerOption();
        var query = new QueryOptions();
        var current = new Option<string?>("--current")
        {
            Description = "Follow the current local day, week or month (default: day)",
        }.AcceptOnlyFromAmong("day", "week", "month");
        var since = new Option<string?>("--since")
        {
            Description = "Follow everything from this instant or date on, instead of --current",
        };

        var command = new Command("watch", "Show KPIs live; Ctrl+C stops") { current, since };
        server.AddTo(command);
        query.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var connection = server.Read(parse);
            return CommandErrors.RunAsync(connection.Url, async () =>
            {
                var layout = query.ReadLayout(parse);
                var request = new WatchKpisRequest
                {
                    Filter = query.ReadFilter(parse),
                    GroupBy = { layout.GroupBy },
                    Granularity = layout.Granularity,
                    TimeZone = layout.TimeZoneId,
                };
                SetWindow(request, parse.GetValue(current), parse.GetValue(since), layout.Zone);

                using var channel = connection.OpenChannel();
                using var call = new KpiService.KpiServiceClient(channel).WatchKpis(request, cancellationToken: cancellationToken);
                try
                {
                    await (Console.IsOutputRedirected
                        ? PrintLinesAsync(call.ResponseStream, layout, cancellationToken)
                        : ShowLiveAsync(call.ResponseStream, layout, cancellationToken));
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested
                    && ex is OperationCanceledException or RpcException { StatusCode: StatusCode.Cancelled })
                {
                    // Ctrl+C is how a watch ends.
                }

                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static void SetWindow(WatchKpisRequest request, string? current, string? since, TimeZoneInfo zone)
    {
        if (current is not null && since is not null)
        {
            throw new CliUsageException("give either --current or --since, not both");
        }

        if (since is not null)
        {
            request.Since = Timestamp.FromDateTimeOffset(ReportRange.ParseBound(since, "--since", zone));
            return;
        }

        request.CurrentPeriod = Periods[current ?? "day"];
    }

    /// <summary>One JSON line per group received, for pipes and logs.</summary>
    private static async Task PrintLinesAsync(
        IAsyncStreamReader<WatchKpisResponse> responses, ReportLayout layout, CancellationToken cancellationToken)
    {
        var writer = new JsonReportWriter(Console.Out);
        var kinds = new WatchEventKinds();
        await foreach (var response in responses.ReadAllAsync(cancellationToken))
        {
            var kind = kinds.IsSnapshot(response) ? "snapshot" : "update";
            foreach (var group in response.Groups)
            {
                writer.WriteLine(layout, group, kind);
            }

            await Console.Out.FlushAsync(cancellationToken);
        }
    }

    private static Task ShowLiveAsync(
        IAsyncStreamReader<WatchKpisResponse> responses, ReportLayout layout, CancellationToken cancellationToken)
    {
        var board = new WatchBoard();
        return AnsiConsole.Live(Render(board, layout)).AutoClear(false).StartAsync(async context =>
        {
            await foreach (var response in responses.ReadAllAsync(cancellationToken))
            {
                board.Apply(response);
                if (!response.Continued)
                {
                    // A split snapshot is shown once whole.
                    context.UpdateTarget(Render(board, layout));
                }
            }
        });
    }

    private static Rows Render(WatchBoard board, ReportLayout layout)
    {
        var since = board.WindowStart is { } start ? LocalCalendar.Format(start, layout.Zone) : "...";
        var updated = board.ComputedAt is { } at ? LocalCalendar.Format(at, layout.Zone) : "waiting for the server";
        return new Rows(
            new Markup($"[bold]KPIs since {since}[/] [grey]updated {updated} - Ctrl+C to stop[/]"),
            KpiTable.Build(layout, board.Groups, AnsiConsole.Console));
    }
}
