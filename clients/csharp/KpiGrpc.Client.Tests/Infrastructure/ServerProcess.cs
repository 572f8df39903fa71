using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.Client.Tests.Infrastructure;

/// <summary>The real server (`dotnet KpiGrpc.Server.dll`) as a separate process on a loopback port.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process) => _process = process;

    /// <summary>What the server printed, for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static Uri AddressOf(int port) => new($"http://127.0.0.1:{port}");

    /// <summary>A port that was free a moment ago, to reserve an address before its server runs.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the server and returns once it answers a query.</summary>
    public static async Task<ServerProcess> StartAsync(int port, string dataDirectory)
    {
        var dll = RepoPaths.ServerDll;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The content root (appsettings.json) is the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var arg in new[] { dll, "--urls", AddressOf(port).ToString(), "--data-dir", dataDirectory })
        {
            info.ArgumentList.Add(arg);
        }

        var server = new ServerProcess(Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet"));
        server._process.OutputDataReceived += (_, e) => server.Remember(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Remember(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilAnsweringAsync(AddressOf(port));
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server at once, as a crash would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(Uri address)
    {
        using var channel = GrpcChannel.ForAddress(address);
        var client = new KpiService.KpiServiceClient(channel);
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the server exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                await client.QueryKpisAsync(TestData.QueryOf(TestData.Day), deadline: DateTime.UtcNow.AddSeconds(5));
                return;
            }
            catch (RpcException ex) when (ex.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded && started.Elapsed < StartTimeout)
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
}
