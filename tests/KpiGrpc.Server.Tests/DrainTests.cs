using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Core.Storage;
using KpiGrpc.Server.Services;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// What calls see once the server begins to stop, step by step: the drain's token is fired by
/// hand (the host keeps serving), where a real SIGTERM would also stop Kestrel (see the
/// end-to-end ShutdownTests).
/// </summary>
public sealed class DrainTests : IAsyncLifetime
{
    private const int BatchSize = 10;
    private readonly StoppingServer _server = new();

    [Fact]
    public async Task ImportCalls_StopsWithABatchUnread_AckedBatchesThenUnavailableNamingTheLast()
    {
        // Arrange
        using var call = _server.Ingest.ImportCalls();
        await call.RequestStream.WriteAsync(Batch("import", 1));
        Assert.True(await call.ResponseStream.MoveNext());

        // Act
        _server.Stop();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Patience()));

        // Assert
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("resume after batch 1", error.Status.Detail);
        var info = Assert.Single(error.GetRpcStatus()!.Details).Unpack<ErrorInfo>();
        Assert.Equal(("SHUTTING_DOWN", "1"), (info.Reason, info.Metadata["last_acked_batch_id"]));
    }

    [Fact]
    public async Task ImportCalls_StopsWithABatchBeingStored_ItIsAckedThenUnavailableNamingIt()
    {
        // Arrange: batch 2 is read and held in the store when the drain begins.
        using var call = _server.Ingest.ImportCalls();
        await call.RequestStream.WriteAsync(Batch("in-flight", 1));
        Assert.True(await call.ResponseStream.MoveNext());
        _server.Store.Hold();
        await call.RequestStream.WriteAsync(Batch("in-flight", 2));
        await _server.Store.Holding.WaitAsync(TimeSpan.FromMinutes(1));

        // Act
        _server.Stop();
        _server.Store.Release();
        var acked = await call.ResponseStream.MoveNext(Patience()) ? call.ResponseStream.Current.BatchId : 0;
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Patience()));

        // Assert
        Assert.Equal(2, acked);
        Assert.Contains("resume after batch 2", error.Status.Detail);
        Assert.Equal(2 * BatchSize, Assert.Single((await _server.Kpis.QueryKpisAsync(DayOf("in-flight"))).Groups).Counts.Dialed);
    }

    [Fact]
    public async Task RecordCalls_ServerStopping_UnavailableAndNothingStored()
    {
        // Arrange
        _server.Stop();

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => _server.Ingest.RecordCallsAsync(Calls([.. Batch("unary", 1).Calls])).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("nothing of this one was stored", error.Status.Detail);
        Assert.Empty((await _server.Kpis.QueryKpisAsync(DayOf("unary"))).Groups);
    }

    [Fact]
    public async Task WatchKpis_ServerStops_EndsAtOnceSayingToReconnect()
    {
        // Arrange
        using var watch = _server.Kpis.WatchKpis(new V1.WatchKpisRequest { Since = At(Day) });
        Assert.True(await watch.ResponseStream.MoveNext());

        // Act
        _server.Stop();
        var error = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(Patience()));

        // Assert
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("reconnect", error.Status.Detail);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>Ends a wait that a broken drain would make endless (the call then fails as CANCELLED).</summary>
    private static CancellationToken Patience() => new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    private static V1.ImportCallsRequest Batch(string campaign, long batchId)
    {
        var request = new V1.ImportCallsRequest { BatchId = batchId };
        for (var i = 0; i < BatchSize; i++)
        {
            request.Calls.Add(Call($"{campaign}-{batchId}-{i}", campaign, "op-1", V1.CallOutcome.NoAnswer, Day.AddHours(9).AddMinutes(i)));
        }

        return request;
    }

    /// <summary>The in-memory server, whose drain begins when the test says, over a store that can hold a batch.</summary>
    private sealed class StoppingServer : KpiServerFactory
    {
        private readonly CancellationTokenSource _stopping = new();

        public HoldingStore Store { get; private set; } = null!;

        public void Stop() => _stopping.Cancel();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(new ServerDrain(new Lifetime(_stopping.Token)));
                var store = services.Single(service => service.ServiceType == typeof(IKpiStore));
                services.Remove(store);
                services.AddSingleton<IKpiStore>(provider => Store = new HoldingStore((IKpiStore)store.ImplementationFactory!(provider)));
            });
        }

        private sealed class Lifetime(CancellationToken stopping) : IHostApplicationLifetime
        {
            public CancellationToken ApplicationStarted => CancellationToken.None;

            public CancellationToken ApplicationStopping => stopping;

            public CancellationToken ApplicationStopped => CancellationToken.None;

            public void StopApplication() => throw new NotSupportedException();
        }
    }
}
