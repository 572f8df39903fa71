using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace KpiGrpc.Testing;

/// <summary>The real server (`dotnet KpiGrpc.Server.dll`) on a free loopback port, as a separate process.</summary>
public sealed class KpiServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private KpiServerProcess(Process process, Uri address, GrpcChannel channel)
    {
        _process = process;
        Address = address;
        Channel = channel;
    }

    /// <summary>http://127.0.0.1:PORT/, or https:// with TLS.</summary>
    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static Uri AddressOf(int port, string scheme = "http") => new($"{scheme}://127.0.0.1:{port}");

    /// <summary>
    /// Starts the server on <paramref name="port"/> (a free one when null) and returns once it
    /// answers. A fixed port lets a test restart the server where its clients expect it.
    /// </summary>
    /// <param name="settings">More command-line settings, e.g. <c>--Kpi:Limits:DrainTimeout 00:05:00</c>.</param>
    /// <param name="workingDirectory">Where the server runs from; the test's own directory when null.</param>
    /// <param name="tls">Serve https with these files; <see cref="Channel"/> then trusts their CA only.</param>
    /// <param name="mutualTls">Require client certificates from the files' CA; <see cref="Channel"/> presents one.</param>
    public static async Task<KpiServerProcess> StartAsync(
        string dataDirectory, int? port = null, IEnumerable<string>? settings = null, string? workingDirectory = null,
        TlsTestFiles? tls = null, bool mutualTls = false)
    {
        var server = Launch(dataDirectory, port, settings, workingDirectory, tls, mutualTls);
        try
        {
            await server.WaitUntilAnsweringAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts a server expected to refuse to start, and waits for it to exit: its exit code and
    /// what it printed.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(
        string dataDirectory, IEnumerable<string>? settings = null, TimeSpan? timeout = null)
    {
        await using var server = Launch(dataDirectory, port: null, settings, workingDirectory: null, tls: null, mutualTls: false);
        var exitCode = await server.WaitForExitAsync(timeout ?? StartTimeout);
        return (exitCode, server.Output);
    }

    /// <summary>Sends SIGTERM, as `kill`, `docker stop` or systemd do to stop a service.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])
            ?? throw new InvalidOperationException("could not start kill");
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the server to exit and returns its exit code; kills it and throws if it is still running after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await KillHardAsync();
            throw new TimeoutException($"the server did not exit within {timeout}:{Environment.NewLine}{Output}");
        }

        // Both output streams are read to their end (WaitForExitAsync without a token does it).
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    /// <summary>The server's resident memory now (VmRSS of /proc/PID/status), in bytes.</summary>
    public long ResidentBytes() => ProcStatusBytes("VmRSS:");

    /// <summary>The highest resident memory the server ever had (VmHWM: the kernel's own high-water mark), in bytes.</summary>
    public long PeakResidentBytes() => ProcStatusBytes("VmHWM:");

    /// <summary>Kills the server and its children at once, as a crash or power loss would: no graceful shutdown.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillHardAsync();
        Channel.Dispose();
        _process.Dispose();
    }

    private static KpiServerProcess Launch(
        string dataDirectory, int? port, IEnumerable<string>? settings, string? workingDirectory, TlsTestFiles? tls, bool mutualTls)
    {
        var address = AddressOf(port ?? FreeLoopbackPort(), tls is null ? "http" : "https");
        settings = tls is null ? settings : tls.ServerArguments(mutualTls).Concat(settings ?? []);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var arg in new[] { RepoPaths.ServerDll, "--urls", address.ToString(), "--data-dir", dataDirectory }.Concat(settings ?? []))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var channel = tls is null
            ? GrpcChannel.ForAddress(address)
            : tls.Channel(address, mutualTls ? tls.ClientCertificate : null);
        var server = new KpiServerProcess(process, address, channel);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        // The standard health service: no dependency on the generated KPI types, which the C#
        // client's tests generate on their own.
        var client = new Health.HealthClient(Channel);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // Until the output is read to its end: the lines that say why.
                await _process.WaitForExitAsync();
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                var health = await client.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(5));
                if (health.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }

                await Task.Delay(100);
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded
                && deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private long ProcStatusBytes(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").Single(l => l.StartsWith(field, StringComparison.Ordinal));
        var kilobytes = line[field.Length..].Trim().Split(' ')[0];
        return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>A port that was free a moment ago, to reserve an address before its server runs.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
