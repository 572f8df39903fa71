using System.Collections.Concurrent;
using System.Diagnostics;
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

    private KpiServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Channel = GrpcChannel.ForAddress(address);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static Uri AddressOf(int port) => new($"http://127.0.0.1:{port}");

    /// <summary>
    /// Starts the server on <paramref name="port"/> (a free one when null) and returns once it
    /// answers. A fixed port lets a test restart the server where its clients expect it.
    /// </summary>
    public static async Task<KpiServerProcess> StartAsync(string dataDirectory, int? port = null)
    {
        var address = AddressOf(port ?? FreeLoopbackPort());
        var dll = RepoPaths.ServerDll;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { dll, "--urls", address.ToString(), "--data-dir", dataDirectory })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        var server = new KpiServerProcess(process, address);
        process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
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
