using System.Diagnostics;

namespace KpiGrpc.Testing;

/// <summary>The server run as a command that ends by itself (<c>--verify</c>, <c>--repair</c>): its exit code and everything it printed.</summary>
public static class KpiServerCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { RepoPaths.ServerDll, "--data-dir", dataDirectory }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        using var timeout = new CancellationTokenSource(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"the server {string.Join(' ', args)} did not end within {Timeout}");
        }

        return (process.ExitCode, await output + await error);
    }
}
