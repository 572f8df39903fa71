using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>
/// The real server as a separate process (`dotnet KpiGrpc.Server.dll`) on a free loopback
/// port, so that the benchmark crosses the same socket, HTTP/2 and serialization as a client.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private PosixSignalRegistration[] _onSignal = [];

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            MaxSendMessageSize = 64 * 1024 * 1024,
        });
    }

    public Uri Address { get; }

    /// <summary>The server's process id, to read its memory and CPU time.</summary>
    public int ProcessId => _process.Id;

    public GrpcChannel Channel { get; }

    /// <summary>From process start to the first answered RPC.</summary>
    public TimeSpan StartupTime { get; private set; }

    public static async Task<ServerProcess> StartAsync(string serverDll, string dataDirectory, TimeSpan timeout)
    {
        var port = FreeLoopbackPort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root (appsettings.json, with its HTTP/2-only endpoints) is the working directory.
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
        };
        foreach (var arg in new[] { serverDll, "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDirectory })
        {
            info.ArgumentList.Add(arg);
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var server = new ServerProcess(process, new Uri($"http://127.0.0.1:{port}"));
        // Ctrl+C or SIGTERM on the benchmark must not leave a server running.
        server._onSignal = [
            PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => server.Kill()),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => server.Kill()),
        ];
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await server.WaitUntilAnsweringAsync(timeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        server.StartupTime = Stopwatch.GetElapsedTime(started);
        return server;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan timeout)
    {
        var client = new KpiService.KpiServiceClient(Channel);
        // A 15-minute range long before any data: cheap once the server is up.
        var probe = new QueryKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            To = Timestamp.FromDateTimeOffset(new DateTimeOffset(2001, 1, 1, 0, 15, 0, TimeSpan.Zero)),
        };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode} before answering:\n{RecentOutput}");
            }

            try
            {
                await client.QueryKpisAsync(probe, deadline: DateTime.UtcNow.AddSeconds(5));
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"the server did not answer within {timeout.TotalSeconds:0} s:\n{RecentOutput}");
                }

                await Task.Delay(20);
            }
        }
    }

    /// <summary>The server's last lines of output, for error messages.</summary>
    public string RecentOutput
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var registration in _onSignal)
        {
            registration.Dispose();
        }

        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
