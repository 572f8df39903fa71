using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>HTTP/2 limits a client meets on one connection.</summary>
public sealed class ConnectionLimitsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 2, 20, 0, 0, 0, TimeSpan.Zero);
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("kpi-limits-").FullName;
    private KpiServerProcess _server = null!;

    // The watch cap per connection (50 by default) raised past Kestrel's old stream limit of 100:
    // what is tested here is the HTTP/2 limit, not the cap.
    public async Task InitializeAsync() =>
        _server = await KpiServerProcess.StartAsync(_dataDirectory, settings: ["--Kpi:Watch:MaxWatchesPerConnection", "200"]);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Fact]
    public async Task WatchKpis_150WatchesOnOneConnection_EachGetsItsSnapshotAndAQueryStillAnswers()
    {
        // Arrange: one connection, as Go, Java and Python channels use (HTTP/2's default stream limit was 100).
        using var channel = GrpcChannel.ForAddress(_server.Address, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = false },
        });
        var kpis = new KpiService.KpiServiceClient(channel);
        using var stop = new CancellationTokenSource();

        // Act
        var watches = Enumerable.Range(0, 150)
            .Select(_ => kpis.WatchKpis(new WatchKpisRequest { Since = Timestamp.FromDateTimeOffset(Day) }, cancellationToken: stop.Token))
            .ToList();
        var snapshots = await Task.WhenAll(watches.Select(watch => watch.ResponseStream.MoveNext(stop.Token))).WaitAsync(TimeSpan.FromMinutes(2));
        var query = await kpis.QueryKpisAsync(Today()).ResponseAsync.WaitAsync(TimeSpan.FromMinutes(2));
        var kinds = watches.Select(watch => watch.ResponseStream.Current.Kind).ToList();
        stop.Cancel();
        watches.ForEach(watch => watch.Dispose());

        // Assert
        Assert.All(snapshots, Assert.True);
        Assert.All(kinds, kind => Assert.Equal(WatchEventKind.Snapshot, kind));
        Assert.NotNull(query);
    }

    [Fact]
    public async Task QueryKpis_A20KBHeader_Answered()
    {
        // Arrange: under the 32 KiB the server advertises for a call's headers, over 16 KiB (a field
        // limit of 16 KiB, Kestrel's documented default set explicitly, closed the whole connection
        // with COMPRESSION_ERROR).
        var kpis = new KpiService.KpiServiceClient(_server.Channel);
        var headers = new Metadata { { "x-trace-context", new string('t', 20_000) } };

        // Act
        var query = await kpis.QueryKpisAsync(Today(), headers);

        // Assert
        Assert.NotNull(query);
    }

    private static QueryKpisRequest Today() => new()
    {
        From = Timestamp.FromDateTimeOffset(Day),
        To = Timestamp.FromDateTimeOffset(Day.AddDays(1)),
    };
}
