using Grpc.Core;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

public sealed class RetryTests
{
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
        var error = new RpcException(new Status(status, "x"));

        // Act + Assert
        Assert.Equal(transient, TransientFailures.IsTransient(error));
    }

    [Fact]
    public void IsTransient_InternalAroundAnIOException_IsAConnectionReset()
    {
        // Arrange
        var reset = new RpcException(new Status(StatusCode.Internal, "x", new HttpRequestException("h", new IOException("reset"))));
        var bug = new RpcException(new Status(StatusCode.Internal, "x"));

        // Act + Assert
        Assert.True(TransientFailures.IsTransient(reset));
        Assert.False(TransientFailures.IsTransient(bug));
    }
}
