using System.Diagnostics;
using KpiGrpc.Client.Tests.Infrastructure;
using KpiGrpc.V1;
using static KpiGrpc.Client.Tests.Infrastructure.TestData;

namespace KpiGrpc.Client.Tests;

/// <summary>Retries and watch reconnects against a server process that is down, then started or restarted.</summary>
public sealed class ServerRestartTests : IAsyncLifetime
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(20);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-csharp-restart-").FullName;
    private readonly int _port = KpiServerProcess.FreeLoopbackPort();
    private readonly List<KpiServerProcess> _servers = [];

    [Fact]
    public async Task RecordCallsAsync_ServerStartsAfterASecond_SucceedsThroughRetries()
    {
        // Arrange: the port is reserved; the server comes up on it a second after the call is made.
        using var client = new KpiClient(FastOptions(KpiServerProcess.AddressOf(_port)));
        var elapsed = Stopwatch.StartNew();
        var starting = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            return await StartServerAsync();
        });

        // Act
        var ack = await client.RecordCallsAsync([Call("late-1", "late", "op-1", CallOutcome.Answered, 20)]);
        await starting;

        // Assert
        Assert.Equal(1, ack.Accepted);
        Assert.True(elapsed.Elapsed >= TimeSpan.FromSeconds(1), $"answered after {elapsed.Elapsed}: the server was not down");
        Assert.Equal(1, await DialedAsync(client, "late"));
    }

    [Fact]
    public async Task WatchKpisAsync_ServerKilledAndRestarted_ReconnectsWithSnapshotThenUpdates()
    {
        // Arrange: one call stored, a watch holding its snapshot.
        const string campaign = "restart";
        var server = await StartServerAsync();
        using var client = new KpiClient(FastOptions(KpiServerProcess.AddressOf(_port)));
        await client.RecordCallsAsync([Call("x1", campaign, "op-x", CallOutcome.Answered, 30)]);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(45));
        await using var watch = client.WatchKpisAsync(IntegrationProofTests.WatchOf(campaign), stop.Token).GetAsyncEnumerator(stop.Token);
        var first = await watch.NextAsync(EventTimeout);

        // Act: crash, restart on the same port and data, then record one more call.
        await server.KillHardAsync();
        await StartServerAsync();
        var resumed = await watch.NextAsync(EventTimeout);
        await client.RecordCallsAsync([Call("x2", campaign, "op-x", CallOutcome.Pitched, 60, minute: 1)]);
        var update = await watch.NextAsync(EventTimeout);

        // Assert: the stored call survived; the new one arrives as an update.
        Assert.True(first.IsSnapshot);
        Assert.Equal(1, Assert.Single(first.Groups).Counts.Dialed);
        Assert.Equal(WatchEventKind.Snapshot, resumed.Kind);
        Assert.True(resumed.Reconnected);
        Assert.Equal(1, Assert.Single(resumed.Groups).Counts.Dialed);
        Assert.Equal(WatchEventKind.Update, update.Kind);
        Assert.False(update.Reconnected);
        Assert.Equal((2L, 1L), (Assert.Single(update.Groups).Counts.Dialed, update.Groups[0].Counts.Pitched));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_dataDirectory, recursive: true);
    }

    private async Task<KpiServerProcess> StartServerAsync()
    {
        var server = await KpiServerProcess.StartAsync(_dataDirectory, _port);
        lock (_servers)
        {
            _servers.Add(server);
        }

        return server;
    }
}
