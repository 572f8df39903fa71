using Google.Rpc;
using Grpc.Core;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>Per-key limits (<c>Kpi:Limits:PerKey</c>): a greedy key is refused while another keeps being served.</summary>
public sealed class KeyLimitsTests
{
    private const string Query = "/kpi.v1.KpiService/QueryKpis";
    private const string Watch = "/kpi.v1.KpiService/WatchKpis";

    [Fact]
    public async Task QueryKpis_KeyOverItsRate_ResourceExhaustedWithRetryInfoWhileAnotherKeyIsServed()
    {
        // Arrange: 3 calls a second, no stream cap
        await using var server = KeyedKpiServer.With(Settings(requestsPerSecond: 3, concurrentStreams: 0));
        var channel = server.Open();

        // Act: the bucket refills on a timer, so a refill may fall between calls; 20 calls still pass 3 a second
        RpcException? refused = null;
        for (var i = 0; i < 20 && refused is null; i++)
        {
            refused = await RpcProbes.RunAsync(Query, channel, server.As("read"));
        }

        var other = await RpcProbes.RunAsync(Query, channel, server.As("read-a"));

        // Assert
        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var status = refused.GetRpcStatus()!;
        var info = status.GetDetail<ErrorInfo>()!;
        Assert.Equal("KEY_RATE_LIMITED", info.Reason);
        Assert.Equal("read", info.Metadata["key"]);
        Assert.Equal("3", info.Metadata["limit"]);
        var delay = status.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan();
        Assert.InRange(delay, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(1));
        Assert.Null(other);
    }

    [Fact]
    public async Task WatchKpis_KeyAtItsStreamCap_ResourceExhaustedWhileAnotherKeyWatches()
    {
        // Arrange: one open stream per key, one watch of "read" open
        await using var server = KeyedKpiServer.With(Settings(requestsPerSecond: 0, concurrentStreams: 1));
        var channel = server.Open();
        using var open = new V1.KpiService.KpiServiceClient(channel).WatchKpis(
            new V1.WatchKpisRequest { Since = Proto.At(Proto.Day) }, server.As("read"));
        Assert.True(await open.ResponseStream.MoveNext(CancellationToken.None));

        // Act
        var refused = await RpcProbes.RunAsync(Watch, channel, server.As("read"));
        var other = await RpcProbes.RunAsync(Watch, channel, server.As("read-a"));
        var unary = await RpcProbes.RunAsync(Query, channel, server.As("read"));

        // Assert
        Assert.NotNull(refused);
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        var status = refused.GetRpcStatus()!;
        var info = status.GetDetail<ErrorInfo>()!;
        Assert.Equal("KEY_STREAMS_LIMITED", info.Reason);
        Assert.Equal("read", info.Metadata["key"]);
        Assert.Equal("1", info.Metadata["limit"]);
        Assert.Equal(TimeSpan.FromSeconds(1), status.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());
        Assert.Null(other);
        Assert.Null(unary);
    }

    [Fact]
    public async Task WatchKpis_StreamClosed_ItsPermitFreesForANewStream()
    {
        // Arrange
        await using var server = KeyedKpiServer.With(Settings(requestsPerSecond: 0, concurrentStreams: 1));
        var channel = server.Open();
        Assert.Null(await RpcProbes.RunAsync(Watch, channel, server.As("read")));

        // Act: the probe disposed its watch; the server may take a moment to see it end
        RpcException? again = null;
        for (var attempt = 0; attempt < 50; attempt++)
        {
            again = await RpcProbes.RunAsync(Watch, channel, server.As("read"));
            if (again is null)
            {
                break;
            }

            await Task.Delay(20);
        }

        // Assert
        Assert.Null(again);
    }

    [Fact]
    public async Task QueryAndWatch_OpenServer_NoPerKeyLimits()
    {
        // Arrange: no keys file (one trusted user on loopback), limits that a keyed server would enforce at once
        await using var server = new OpenServer(Settings(requestsPerSecond: 1, concurrentStreams: 1));
        using var first = server.Kpis.WatchKpis(new V1.WatchKpisRequest { Since = Proto.At(Proto.Day) });
        Assert.True(await first.ResponseStream.MoveNext(CancellationToken.None));

        // Act
        var refusals = new List<RpcException?>();
        for (var i = 0; i < 5; i++)
        {
            refusals.Add(await RpcProbes.RunAsync(Query, server.Channel, new CallOptions()));
        }

        var second = await RpcProbes.RunAsync(Watch, server.Channel, new CallOptions());

        // Assert
        Assert.All(refusals, Assert.Null);
        Assert.Null(second);
    }

    private sealed class OpenServer(IReadOnlyDictionary<string, string?> settings) : KpiServerFactory(settings);

    private static Dictionary<string, string?> Settings(int requestsPerSecond, int concurrentStreams) => new()
    {
        ["Kpi:Limits:PerKey:RequestsPerSecond"] = requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Kpi:Limits:PerKey:ConcurrentStreams"] = concurrentStreams.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
