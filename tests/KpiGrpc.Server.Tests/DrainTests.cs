using Google.Rpc;
using Grpc.Core;
using Grpc.Health.V1;
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
        var info = error.GetRpcStatus()!.GetDetail<ErrorInfo>()!;
        Assert.Equal(("SHUTTING_DOWN", "1"), (info.Reason, info.Metadata["last_acked_batch_id"]));
        Assert.NotNull(error.GetRpcStatus()!.GetDetail<RetryInfo>());
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
        Assert.Equal(TimeSpan.FromSeconds(2), error.GetRpcStatus()!.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());
        Assert.Empty((await _server.Kpis.QueryKpisAsync(DayOf("unary"))).Groups);
    }

    [Fact]
    public async Task ComputeKpis_ServerStopsMidStream_EndsAtOnceSayingToRunItAgain()
    {
        // Arrange: a computation with one batch counted, its client still sending.
        using var call = _server.Compute.ComputeKpis();
        await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest { Query = new V1.ComputeKpisQuery() });
        await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest { Batch = ComputeBatch("compute", 1) });
        Assert.True(await call.ResponseStream.MoveNext(Patience()));

        // Act
        _server.Stop();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Patience()));

        // Assert
        AssertComputeDrained(error);
    }

    [Fact]
    public async Task ComputeKpis_ServerStopping_RefusedSayingToRunItAgain()
    {
        // Arrange
        _server.Stop();

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => ComputeStream.RunAsync(
            _server.Compute, new V1.ComputeKpisQuery(), ComputeBatch("compute-late", 1)));

        // Assert
        AssertComputeDrained(error);
    }

    [Fact]
    public async Task HealthCheck_ServerStops_NotServingForTheServerAndEveryService()
    {
        // Arrange
        var health = new Health.HealthClient(_server.Channel);
        string[] services = ["", "kpi.v1.IngestService", "kpi.v1.KpiService", "kpi.v1.ComputeService"];
        var before = await Task.WhenAll(services.Select(async service => (await health.CheckAsync(new HealthCheckRequest { Service = service })).Status));

        // Act
        _server.Stop();
        var after = await Task.WhenAll(services.Select(async service => (await health.CheckAsync(new HealthCheckRequest { Service = service })).Status));

        // Assert
        Assert.All(before, status => Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status));
        Assert.All(after, status => Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, status));
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

    private static void AssertComputeDrained(RpcException error)
    {
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Contains("run the computation again", error.Status.Detail);
        Assert.Equal("SHUTTING_DOWN", error.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.NotNull(error.GetRpcStatus()!.GetDetail<RetryInfo>());
    }

    private static V1.ComputeKpisBatch ComputeBatch(string campaign, long batchId) => new() { BatchId = batchId, Calls = { Batch(campaign, batchId).Calls } };

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

        public V1.ComputeService.ComputeServiceClient Compute => new(Channel);

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
