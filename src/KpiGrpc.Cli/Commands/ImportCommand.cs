using System.CommandLine;
using KpiGrpc.Cli.Import;

namespace KpiGrpc.Cli.Commands;

/// <summary>
/// kpi import: streams files of calls, results and sessions (csv, jsonl, VICIdial or Asterisk) to
/// the server, resumably, riding out server restarts.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var server = ServerOption.Create();
        var apiKey = ServerOption.CreateApiKey();
        var input = new InputFormatOptions();
        var calls = new Option<string?>("--calls") { Description = "File of calls" };
        var results = new Option<string?>("--results") { Description = "File of appointment results" };
        var sessions = new Option<string?>("--sessions") { Description = "File of operator sessions" };
        var batchSize = BatchSizeOption.Create(defaultSize: 5000);
        var resume = new Option<bool>("--resume")
        {
            Description = "Continue an interrupted import after its last acknowledged batch (files already done are skipped)",
        };
        var checkpoint = new Option<string?>("--checkpoint")
        {
            Description = "Checkpoint file for every input (default: <input>.kpi-checkpoint next to each input)",
        };
        var rejects = new Option<string?>("--rejects") { Description = "Write every rejected line, with its reason, to this CSV file" };
        var retries = new Option<int>("--retries")
        {
            Description = "Retries in a row, with exponential backoff, while the server is unreachable (0: fail at once)",
            DefaultValueFactory = _ => RetrySettings.Default.MaxRetries,
        };
        var retryDelay = new Option<double>("--retry-delay")
        {
            Description = "Seconds before the first retry; doubles at each retry, with jitter, up to 30 s",
            DefaultValueFactory = _ => RetrySettings.Default.BaseDelay.TotalSeconds,
        };
        var command = new Command("import", "Import files of calls, results and sessions; exits 1 if any line was rejected")
        {
            server, apiKey, calls, results, sessions, batchSize, resume, checkpoint, rejects, retries, retryDelay,
        };
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var url = parse.GetValue(server)!;
            return CommandErrors.RunAsync(url, () =>
            {
                var request = new ImportRequest(
                    url,
                    parse.GetValue(calls),
                    parse.GetValue(results),
                    parse.GetValue(sessions),
                    input.Read(parse),
                    BatchSizeOption.Read(parse, batchSize),
                    parse.GetValue(resume),
                    parse.GetValue(checkpoint),
                    parse.GetValue(rejects),
                    Retry(parse.GetValue(retries), parse.GetValue(retryDelay)),
                    ServerOption.ReadApiKey(parse, apiKey));
                return ImportRunner.RunAsync(request, cancellationToken);
            }, cancellationToken);
        });
        return command;
    }

    private static RetrySettings Retry(int retries, double delaySeconds)
    {
        if (retries < 0)
        {
            throw new CliUsageException($"--retries must be 0 or more, not {retries}");
        }

        if (delaySeconds is <= 0 or > 30 || double.IsNaN(delaySeconds))
        {
            throw new CliUsageException($"--retry-delay must be more than 0 and at most 30 seconds, not {delaySeconds}");
        }

        return RetrySettings.Default with { MaxRetries = retries, BaseDelay = TimeSpan.FromSeconds(delaySeconds) };
    }
}
