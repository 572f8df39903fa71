namespace KpiGrpc.EndToEnd.Tests;

/// <summary>One real server per test class, on its own empty data directory, killed at the end.</summary>
public sealed class KpiServerFixture : IAsyncLifetime
{
    private KpiServerProcess? _server;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("kpi-e2e-").FullName;

    public KpiServerProcess Server => _server ?? throw new InvalidOperationException("the server is not started");

    public async Task InitializeAsync() => _server = await KpiServerProcess.StartAsync(DataDirectory);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}
