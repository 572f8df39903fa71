using System.Diagnostics;
using Grpc.Core;
using KpiGrpc.Core.Access;
using KpiGrpc.Server.Access;
using Xunit.Abstractions;
using static KpiGrpc.Server.Tests.Access.AccessAsserts;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>A key revoked in the keys file while the server runs: its open streams end with UNAUTHENTICATED within 2 s, and new calls are refused.</summary>
public sealed class RevocationTests(KeyedKpiServer server, ITestOutputHelper output) : IClassFixture<KeyedKpiServer>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task WatchKpis_KeyRevokedWhileOpen_StreamEndsUnauthenticatedWithin2Seconds()
    {
        // Arrange: a watch with a fresh read key, past its snapshot.
        var secret = await AddKeyAsync(server, "watcher", KpiRole.Read);
        var kpis = new V1.KpiService.KpiServiceClient(server.Channel);
        using var watch = kpis.WatchKpis(new V1.WatchKpisRequest { Since = At(DateTimeOffset.UtcNow.AddHours(-1)) }, server.As(null, secret));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        // Act
        var revoked = Stopwatch.StartNew();
        server.Revoke("watcher");
        var next = watch.ResponseStream.MoveNext(CancellationToken.None);
        var ended = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10))) == next;
        var elapsed = revoked.Elapsed;
        output.WriteLine($"The watch ended {elapsed.TotalMilliseconds:0} ms after the keys file was written.");

        // Assert
        Assert.True(ended, "the watch of a revoked key was still open after 10 s");
        var error = await Assert.ThrowsAsync<RpcException>(() => next);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(AccessErrors.KeyRevoked, ErrorInfo(error).Reason);
        Assert.True(elapsed < Limit, $"the watch ended {elapsed.TotalMilliseconds:0} ms after the revocation");
        var again = await Assert.ThrowsAsync<RpcException>(() => kpis.QueryKpisAsync(new V1.QueryKpisRequest { From = At(Day), To = At(Day.AddDays(1)) }, server.As(null, secret)).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, again.StatusCode);
    }

    [Fact]
    public async Task ImportCalls_KeyRevokedWhileOpen_StreamEndsUnauthenticatedAndAckedBatchesStay()
    {
        // Arrange: an import stream with one batch acknowledged.
        var secret = await AddKeyAsync(server, "dialer", KpiRole.Ingest);
        var campaign = Unique("revoked-import");
        using var import = new V1.IngestService.IngestServiceClient(server.Channel).ImportCalls(server.As(null, secret));
        await import.RequestStream.WriteAsync(new V1.ImportCallsRequest { BatchId = 1, Calls = { Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, Day.AddHours(9)) } });
        Assert.True(await import.ResponseStream.MoveNext(CancellationToken.None));

        // Act
        server.Revoke("dialer");
        var next = import.ResponseStream.MoveNext(CancellationToken.None);
        var ended = await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10))) == next;

        // Assert
        Assert.True(ended, "the import stream of a revoked key was still open after 10 s");
        var error = await Assert.ThrowsAsync<RpcException>(() => next);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var stored = await new V1.KpiService.KpiServiceClient(server.Channel).QueryKpisAsync(DayOf(campaign), server.As("admin"));
        Assert.Equal(1, Assert.Single(stored.Groups).Counts.Dialed);
    }

    [Fact]
    public async Task QueryKpis_KeyRolesChanged_OldRolesStopWithin2Seconds()
    {
        // Arrange: "switcher" reads, then the file gives the same name ingest only.
        var secret = await AddKeyAsync(server, "switcher", KpiRole.Read);
        var kpis = new V1.KpiService.KpiServiceClient(server.Channel);
        var query = new V1.QueryKpisRequest { From = At(Day), To = At(Day.AddDays(1)) };
        await kpis.QueryKpisAsync(query, server.As(null, secret));

        // Act
        var file = ApiKeyFile.Load(server.KeysFile);
        var entry = file.Find("switcher")!;
        file.Without("switcher").With(entry with { Roles = ["ingest"] }).Save(server.KeysFile);
        var changed = Stopwatch.StartNew();
        RpcException? error = null;
        while (error is null && changed.Elapsed < TimeSpan.FromSeconds(10))
        {
            error = await RpcProbes.RunAsync("/kpi.v1.KpiService/QueryKpis", server.Channel, server.As(null, secret));
            await Task.Delay(20);
        }

        // Assert
        Assert.Equal(StatusCode.PermissionDenied, error?.StatusCode);
        Assert.True(changed.Elapsed < Limit, $"the old role still worked {changed.Elapsed.TotalMilliseconds:0} ms after the change");
    }
}
