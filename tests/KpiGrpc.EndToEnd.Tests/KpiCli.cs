using System.Diagnostics;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>Runs the built `kpi` tool (`dotnet kpi.dll ...`) with its output redirected, as a script would.</summary>
internal static class KpiCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static Task<CliResult> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    /// <summary>kpi with more environment variables, e.g. KPI_API_KEY.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = StartInfo(args);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kpi {string.Join(' ', args)} did not finish within {Timeout}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>`dotnet kpi.dll ARGS` with both outputs redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }
}

/// <summary>How a kpi run ended.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}{Environment.NewLine}stdout:{Environment.NewLine}{Stdout}{Environment.NewLine}stderr:{Environment.NewLine}{Stderr}";
}
