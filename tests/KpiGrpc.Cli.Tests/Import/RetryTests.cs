using System.Diagnostics;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

public sealed class RetryTests
{
    // Timers fire on a millisecond clock: a wait of exactly the delay can measure up to a millisecond short.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(5);

    private static async Task<ImportTally> ImportAsync(FakeImportServer server, int calls, RetrySettings retry, NoProgress? progress = null)
    {
        using var file = CsvRecordFile<CallRecord>.FromText(ImportTestData.Calls(calls), CallCsvFormat.Instance, "calls.csv");
        return await new BatchImporter(10, retry, maxBatchesInFlight: 2)
            .RunAsync(file, server.Open, ImportTestData.Journal(), progress ?? new NoProgress(), CancellationToken.None);
    }

    [Fact]
    public async Task RunAsync_StreamResetMidImport_ResendsFromTheFirstUnacknowledgedBatch()
    {
        // Arrange: the first stream acknowledges 3 batches of 10 and then fails as a reset would.
        var server = new FakeImportServer(_ => null);
        server.FailStream[1] = (3, StatusCode.Unavailable);

        // Act
        var tally = await ImportAsync(server, 95, ImportTestData.FastRetry());

        // Assert: 10 batches, every call stored once, the new stream starting at c-31.
        Assert.Equal(2, server.StreamsOpened);
        Assert.Equal(95, server.Stored);
        Assert.Equal(95, tally.Accepted);
        Assert.Equal(0, tally.Duplicates);
        Assert.Equal("c-31", server.Batches[3][0].CallId);
    }

    [Fact]
    public async Task RunAsync_ServerDownThenBack_RetriesWithBackoffAndSucceeds()
    {
        // Arrange: two streams fail before any ack (Internal around an IOException: a reset), the third works.
        var server = new FakeImportServer(_ => null);
        server.FailStream[1] = (0, StatusCode.Unavailable);
        server.FailStream[2] = (0, StatusCode.Internal);
        var progress = new NoProgress();

        // Act
        var tally = await ImportAsync(server, 25, ImportTestData.FastRetry(retries: 3), progress);

        // Assert
        Assert.Equal(3, server.StreamsOpened);
        Assert.Equal(25, tally.Accepted);
        Assert.Equal(2, progress.Retries.Count);
        Assert.Contains("retry 1/3", progress.Retries[0]);
        Assert.Contains("retry 2/3", progress.Retries[1]);
    }

    [Fact]
    public async Task RunAsync_ServerNeverBack_GivesUpAfterTheRetriesWithAClearMessage()
    {
        // Arrange
        var server = new FakeImportServer(_ => null);
        for (var stream = 1; stream <= 10; stream++)
        {
            server.FailStream[stream] = (0, StatusCode.Unavailable);
        }

        // Act
        var error = await Assert.ThrowsAsync<ImportInterruptedException>(() => ImportAsync(server, 25, ImportTestData.FastRetry(retries: 3)));

        // Assert: the first attempt and three retries.
        Assert.Equal(4, server.StreamsOpened);
        Assert.Contains("gave up after 3 retries", error.Message);
        Assert.Contains("--resume", error.Message);
    }

    [Theory]
    [InlineData(StatusCode.InvalidArgument)]
    [InlineData(StatusCode.PermissionDenied)]
    [InlineData(StatusCode.Unauthenticated)]
    public async Task RunAsync_PermanentFailure_StopsWithoutRetrying(StatusCode status)
    {
        // Arrange
        var server = new FakeImportServer(_ => null);
        server.FailStream[1] = (1, status);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(server, 25, ImportTestData.FastRetry()));

        // Assert
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, server.StreamsOpened);
    }

    [Fact]
    public async Task RunAsync_ResetsAfterProgressEveryTime_EachResetEarnsAFreshRetryBudget()
    {
        // Arrange: with one retry allowed, six streams each acknowledge one batch and fail.
        var server = new FakeImportServer(_ => null);
        for (var stream = 1; stream <= 6; stream++)
        {
            server.FailStream[stream] = (1, StatusCode.Unavailable);
        }

        // Act
        var tally = await ImportAsync(server, 65, ImportTestData.FastRetry(retries: 1));

        // Assert
        Assert.Equal(7, server.StreamsOpened);
        Assert.Equal(65, tally.Accepted);
    }

    [Theory]
    [InlineData(StatusCode.Unavailable, true)]
    [InlineData(StatusCode.DeadlineExceeded, true)]
    [InlineData(StatusCode.InvalidArgument, false)]
    [InlineData(StatusCode.PermissionDenied, false)]
    [InlineData(StatusCode.Unauthenticated, false)]
    [InlineData(StatusCode.NotFound, false)]
    public void IsTransient_Status_OnlyTheOnesThatCanHeal(StatusCode status, bool transient)
    {
        // Arrange
        var error = new RpcException(new Grpc.Core.Status(status, "x"));

        // Act + Assert
        Assert.Equal(transient, TransientFailures.IsTransient(error));
    }

    [Fact]
    public void IsTransient_InternalAroundAnIOException_IsAConnectionReset()
    {
        // Arrange
        var reset = new RpcException(new Grpc.Core.Status(StatusCode.Internal, "x", new HttpRequestException("h", new IOException("reset"))));
        var bug = new RpcException(new Grpc.Core.Status(StatusCode.Internal, "x"));

        // Act + Assert
        Assert.True(TransientFailures.IsTransient(reset));
        Assert.False(TransientFailures.IsTransient(bug));
    }

    [Fact]
    public void IsTransient_ResourceExhausted_OnlyWithARetryInfo()
    {
        // Arrange: a full disk says when to come back; a batch over the size limit does not.
        var diskFull = ResourceExhausted("STORE_DISK_FULL", TimeSpan.FromSeconds(5));
        var tooLarge = ResourceExhausted("REQUEST_TOO_LARGE", retryDelay: null);

        // Act + Assert
        Assert.True(TransientFailures.IsTransient(diskFull));
        Assert.Equal(TimeSpan.FromSeconds(5), TransientFailures.ServerRetryDelay(diskFull));
        Assert.False(TransientFailures.IsTransient(tooLarge));
    }

    [Fact]
    public async Task RunAsync_DiskFullBeforeAnyAck_WaitsAtLeastTheServersRetryDelayThenStoresEveryCall()
    {
        // Arrange: two streams refused by a full disk asking for 300 ms; the client's own backoff is 1-5 ms.
        var delay = TimeSpan.FromMilliseconds(300);
        var server = new FakeImportServer(_ => null);
        server.FailStream[1] = server.FailStream[2] = (0, StatusCode.ResourceExhausted);
        server.FailWith[1] = server.FailWith[2] = ResourceExhausted("STORE_DISK_FULL", delay);
        var progress = new NoProgress();
        var clock = Stopwatch.StartNew();

        // Act
        var tally = await ImportAsync(server, 25, ImportTestData.FastRetry(retries: 3), progress);

        // Assert
        Assert.True(clock.Elapsed >= 2 * delay - TimerSlack, $"waited {clock.Elapsed} in all");
        Assert.Equal(3, server.StreamsOpened);
        Assert.Equal(25, tally.Accepted);
        Assert.Contains("ResourceExhausted", progress.Retries[0]);
        // The wait is the server's 300 ms plus up to 20% (so that clients do not all come back at once).
        Assert.Matches(@"retry 1/3 in 0\.[34] s", progress.Retries[0]);
    }

    [Fact]
    public async Task RunAsync_DiskFullAfterSomeAcks_ReconnectsAfterTheServersRetryDelay()
    {
        // Arrange: the first stream stores two batches, then the disk is full.
        var delay = TimeSpan.FromMilliseconds(300);
        var server = new FakeImportServer(_ => null);
        server.FailStream[1] = (2, StatusCode.ResourceExhausted);
        server.FailWith[1] = ResourceExhausted("STORE_DISK_FULL", delay);
        var progress = new NoProgress();
        var clock = Stopwatch.StartNew();

        // Act
        var tally = await ImportAsync(server, 45, ImportTestData.FastRetry(), progress);

        // Assert
        Assert.True(clock.Elapsed >= delay - TimerSlack, $"reconnected after {clock.Elapsed}");
        Assert.Equal(2, server.StreamsOpened);
        Assert.Equal(45, tally.Accepted);
        Assert.Contains("reconnecting in 0.3 s", Assert.Single(progress.Retries));
    }

    [Fact]
    public async Task RunAsync_ResourceExhaustedWithoutRetryInfo_StopsWithoutRetrying()
    {
        // Arrange
        var server = new FakeImportServer(_ => null);
        server.FailStream[1] = (0, StatusCode.ResourceExhausted);
        server.FailWith[1] = ResourceExhausted("REQUEST_TOO_LARGE", retryDelay: null);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(server, 25, ImportTestData.FastRetry()));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(1, server.StreamsOpened);
    }

    /// <summary>RESOURCE_EXHAUSTED as the server sends it: an ErrorInfo, and a RetryInfo when the same batch may pass later.</summary>
    private static RpcException ResourceExhausted(string reason, TimeSpan? retryDelay)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = reason,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = "kpi.v1" }) },
        };
        if (retryDelay is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status.ToRpcException();
    }
}
