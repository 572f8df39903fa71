using System.Collections.Concurrent;
using System.Diagnostics;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>
/// The built `kpi` tool running in the background, for tests that kill it or watch it: its
/// output is collected as it comes, and its peak resident memory (VmHWM) sampled.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly Task _sampler;
    private long _peakBytes;

    private CliProcess(Process process)
    {
        _process = process;
        _sampler = Task.Run(SampleAsync);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The highest resident set size seen, from /proc/PID/status VmHWM (the kernel's own high-water mark).</summary>
    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public string Stdout => string.Join('\n', _stdout);

    public string Stderr => string.Join('\n', _stderr);

    public static CliProcess Start(params string[] args)
    {
        var process = Process.Start(KpiCli.StartInfo(args)) ?? throw new InvalidOperationException("could not start dotnet");
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Remember(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Remember(cli._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"kpi did not finish within {timeout}:\n{this}");
        }

        await _sampler;
        return _process.ExitCode;
    }

    /// <summary>Kills the tool at once, as a crash or `kill -9` would.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    public override string ToString() => $"stdout:\n{Stdout}\nstderr:\n{Stderr}";

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Remember(ConcurrentQueue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lines.Enqueue(line);
        while (lines.Count > 500 && lines.TryDequeue(out _))
        {
        }
    }

    private async Task SampleAsync()
    {
        var status = $"/proc/{_process.Id}/status";
        while (!_process.HasExited)
        {
            try
            {
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                {
                    var kilobytes = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    Interlocked.Exchange(ref _peakBytes, Math.Max(Interlocked.Read(ref _peakBytes), kilobytes * 1024));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended between the check and the read.
            }

            await Task.Delay(20);
        }
    }
}
