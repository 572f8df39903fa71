namespace KpiGrpc.Client.Tests.Infrastructure;

/// <summary>One real server per test class, on its own empty data directory, killed and deleted at the end.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private KpiServerProcess? _server;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("kpi-csharp-client-").FullName;

    public int Port { get; } = KpiServerProcess.FreeLoopbackPort();

    public Uri Address => KpiServerProcess.AddressOf(Port);

    public KpiServerProcess Server => _server ?? throw new InvalidOperationException("the server is not started");

    /// <summary>Options for a client of this server, with short retry delays for tests.</summary>
    public KpiClientOptions ClientOptions() => TestData.FastOptions(Address);

    public async Task InitializeAsync() => _server = await KpiServerProcess.StartAsync(DataDirectory, Port);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}
