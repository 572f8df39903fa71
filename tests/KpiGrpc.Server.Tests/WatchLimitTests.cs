using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.Server.Watching;
using Microsoft.Extensions.DependencyInjection;
using static KpiGrpc.Server.Tests.Proto;
using static KpiGrpc.Server.Tests.WatchReading;

namespace KpiGrpc.Server.Tests;

/// <summary>The caps on open watches, as a client over real connections meets them.</summary>
public sealed class WatchLimitTests(KestrelKpiServer server) : IClassFixture<KestrelKpiServer>, IAsyncLifetime
{
    private readonly List<IDisposable> _open = [];

    private WatchHub Hub => server.Services.GetRequiredService<WatchHub>();

    // Each test starts once the watches of the one before have left the server.
    public Task InitializeAsync() => WaitUntilAsync(() => Hub.SubscriberCount == 0);

    public Task DisposeAsync()
    {
        _open.ForEach(item => item.Dispose());
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WatchKpis_OneOverTheConnectionCap_ResourceExhaustedNamingTheOptionAndAnotherConnectionStillWorks()
    {
        // Arrange
        var connection = Open(server.NewChannel());
        for (var i = 0; i < KestrelKpiServer.MaxWatchesPerConnection; i++)
        {
            await NextAsync(Watch(connection));
        }

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => NextAsync(Watch(connection)));
        var elsewhere = await NextAsync(Watch(Open(server.NewChannel())));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Kpi:Watch:MaxWatchesPerConnection", error.Status.Detail);
        var info = Assert.Single(error.GetRpcStatus()!.Details).Unpack<ErrorInfo>();
        Assert.Equal(("TOO_MANY_WATCHES_ON_CONNECTION", "2"), (info.Reason, info.Metadata["limit"]));
        Assert.Equal(V1.WatchEventKind.Snapshot, elsewhere.Kind);
    }

    [Fact]
    public async Task WatchKpis_OneOverTheServerCap_ResourceExhaustedNamingTheOption()
    {
        // Arrange: 2 + 1 watches on two connections fill the server's 3.
        var first = Open(server.NewChannel());
        var second = Open(server.NewChannel());
        await NextAsync(Watch(first));
        await NextAsync(Watch(first));
        await NextAsync(Watch(second));

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => NextAsync(Watch(Open(server.NewChannel()))));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("Kpi:Watch:MaxWatches ", error.Status.Detail);
        Assert.Equal("TOO_MANY_WATCHES_ON_SERVER", Assert.Single(error.GetRpcStatus()!.Details).Unpack<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task WatchKpis_WatchEndedOnAFullConnection_ItsPlaceTakesANewWatch()
    {
        // Arrange
        var connection = Open(server.NewChannel());
        var leaving = new CancellationTokenSource();
        await NextAsync(Watch(connection, leaving.Token));
        await NextAsync(Watch(connection));

        // Act
        await leaving.CancelAsync();
        await WaitUntilAsync(() => Hub.SubscriberCount == 1);
        var replacement = await NextAsync(Watch(connection));

        // Assert
        Assert.Equal(V1.WatchEventKind.Snapshot, replacement.Kind);
    }

    private GrpcChannel Open(GrpcChannel channel)
    {
        _open.Add(channel);
        return channel;
    }

    private AsyncServerStreamingCall<V1.WatchKpisResponse> Watch(GrpcChannel channel, CancellationToken cancellationToken = default)
    {
        var watch = new V1.KpiService.KpiServiceClient(channel)
            .WatchKpis(Since(DateTimeOffset.UtcNow.AddHours(-1), Unique("capped")), cancellationToken: cancellationToken);
        _open.Add(watch);
        return watch;
    }
}
