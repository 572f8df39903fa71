using Grpc.Core;
using KpiGrpc.V1;
using KpiGrpc.Client.Tests.Infrastructure;

namespace KpiGrpc.Client.Tests;

/// <summary>The recorder's buffering, back-pressure and failure handling, with a fake sender.</summary>
public sealed class KpiCallRecorderTests
{
    // Timers fire on a millisecond clock: a wait of exactly the delay can measure up to a millisecond short.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(5);

    private static KpiClientOptions Options(int batchSize, int capacity, TimeSpan? flushInterval = null) => new()
    {
        Address = new Uri("http://127.0.0.1:1"),
        BatchSize = batchSize,
        BufferCapacity = capacity,
        FlushInterval = flushInterval ?? TimeSpan.FromMinutes(10),
    };

    private static CallRecord Call(int i) => TestData.Call($"c{i}", "unit", "op", CallOutcome.Answered, 1);

    [Fact]
    public async Task RecordAsync_BufferFullWhileSending_WaitsUntilTheBatchIsSent()
    {
        // Arrange: batches of 1, 2 calls of buffer; the first send hangs.
        var release = new TaskCompletionSource<BatchAck>();
        var sent = new List<int>();
        var recorder = new KpiCallRecorder((calls, _) =>
        {
            lock (sent)
            {
                sent.Add(calls.Count);
            }

            return sent.Count == 1 ? release.Task : Task.FromResult(new BatchAck { Accepted = calls.Count });
        }, Options(batchSize: 1, capacity: 2), TimeProvider.System);
        await recorder.RecordAsync(Call(1));
        await WaitUntilAsync(() => sent.Count == 1);
        await recorder.RecordAsync(Call(2));
        await recorder.RecordAsync(Call(3));

        // Act
        var fourth = recorder.RecordAsync(Call(4)).AsTask();
        await Task.Delay(200);
        var waitedWhileFull = !fourth.IsCompleted;
        release.SetResult(new BatchAck { Accepted = 1 });
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
        await recorder.DisposeAsync();

        // Assert
        Assert.True(waitedWhileFull, "RecordAsync returned although the buffer was full");
        Assert.Equal(4, sent.Sum());
    }

    [Fact]
    public async Task DisposeAsync_TransientFailureThenSuccess_SendsTheBatchAgainAndReportsTheFailure()
    {
        // Arrange
        var attempts = 0;
        var stored = 0;
        var recorder = new KpiCallRecorder((calls, _) =>
        {
            if (++attempts == 1)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "down"));
            }

            stored += calls.Count;
            return Task.FromResult(new BatchAck { Accepted = calls.Count });
        }, Options(batchSize: 3, capacity: 10, TimeSpan.FromMilliseconds(20)), TimeProvider.System);
        var failures = new List<FlushFailedEventArgs>();
        recorder.FlushFailed += (_, e) => failures.Add(e);

        // Act
        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(Call(i));
        }

        await WaitUntilAsync(() => stored == 3);
        await recorder.DisposeAsync();

        // Assert
        Assert.Equal(3, stored);
        var failure = Assert.Single(failures);
        Assert.True(failure.WillRetry);
        Assert.Equal(3, failure.Calls.Count);
    }

    [Fact]
    public async Task DisposeAsync_DiskFullWithARetryDelay_SendsTheBatchAgainNoSoonerThanTheServerAsked()
    {
        // Arrange: the flush interval is 20 ms; the full disk asks for 300 ms.
        var delay = TimeSpan.FromMilliseconds(300);
        var diskFull = RetryableRefusals.ResourceExhausted("STORE_DISK_FULL", delay);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var attempts = new List<TimeSpan>();
        var recorder = new KpiCallRecorder((calls, _) =>
        {
            attempts.Add(clock.Elapsed);
            return attempts.Count == 1
                ? throw diskFull
                : Task.FromResult(new BatchAck { Accepted = calls.Count });
        }, Options(batchSize: 1, capacity: 10, TimeSpan.FromMilliseconds(20)), TimeProvider.System);
        FlushFailedEventArgs? failure = null;
        recorder.FlushFailed += (_, e) => failure = e;

        // Act
        await recorder.RecordAsync(Call(1));
        await WaitUntilAsync(() => attempts.Count == 2);
        await recorder.DisposeAsync();

        // Assert
        Assert.True(failure!.WillRetry);
        Assert.True(attempts[1] - attempts[0] >= delay - TimerSlack, $"sent again after {attempts[1] - attempts[0]}");
    }

    [Fact]
    public async Task DisposeAsync_BatchRefusedAsAWhole_DropsItAndReportsWithoutRetry()
    {
        // Arrange
        var attempts = 0;
        var recorder = new KpiCallRecorder((_, _) =>
        {
            attempts++;
            throw new RpcException(new Status(StatusCode.InvalidArgument, "calls: too many"));
        }, Options(batchSize: 10, capacity: 10), TimeProvider.System);
        FlushFailedEventArgs? failure = null;
        recorder.FlushFailed += (_, e) => failure = e;
        await recorder.RecordAsync(Call(1));

        // Act
        await recorder.DisposeAsync();

        // Assert
        Assert.Equal(1, attempts);
        Assert.NotNull(failure);
        Assert.False(failure.WillRetry);
    }

    [Fact]
    public async Task RecordAsync_AfterDispose_ThrowsObjectDisposed()
    {
        // Arrange
        var recorder = new KpiCallRecorder((calls, _) => Task.FromResult(new BatchAck { Accepted = calls.Count }), Options(1, 1), TimeProvider.System);
        await recorder.DisposeAsync();

        // Act
        var error = await Record.ExceptionAsync(async () => await recorder.RecordAsync(Call(1)));

        // Assert
        Assert.IsType<ObjectDisposedException>(error);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 5 s");
            await Task.Delay(10);
        }
    }
}
