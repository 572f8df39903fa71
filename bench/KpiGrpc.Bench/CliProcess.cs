using System.Diagnostics;

namespace KpiGrpc.Bench;

/// <summary>Runs the `kpi` tool as a user installed it (`dotnet publish`, ReadyToRun), capturing its output.</summary>
public static class CliProcess
{
    /// <summary>Where the README's install command publishes kpi.</summary>
    public const string PublishCommand = "dotnet publish src/KpiGrpc.Cli -c Release -o artifacts/kpi";

    public static string CliDll(string? overridePath)
    {
        var path = overridePath ?? Path.Combine(BenchPaths.RepositoryRoot(), "artifacts", "kpi", "kpi.dll");
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"no kpi at {path}: run `{PublishCommand}` first (or pass --cli-dll)");
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string cliDll, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(cliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }
}
