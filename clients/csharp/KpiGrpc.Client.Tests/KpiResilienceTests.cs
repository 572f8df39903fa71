using System.Diagnostics;
using Grpc.Core;
using KpiGrpc.Client.Tests.Infrastructure;
using Polly.CircuitBreaker;

namespace KpiGrpc.Client.Tests;

public sealed class KpiResilienceTests
{
    // Timers fire on a millisecond clock: a wait of exactly the delay can measure up to a millisecond short.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(5);

    private static KpiClientOptions Options(int retries = 3, int minimumThroughput = 100) => new()
    {
        Address = new Uri("http://127.0.0.1:1"),
        MaxRetryAttempts = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        CircuitBreakerMinimumThroughput = minimumThroughput,
        CircuitBreakerFailureRatio = 0.5,
        CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30),
    };

    [Theory]
    [InlineData(StatusCode.Unavailable, 4)]
    [InlineData(StatusCode.DeadlineExceeded, 4)]
    [InlineData(StatusCode.InvalidArgument, 1)]
    [InlineData(StatusCode.ResourceExhausted, 1)]
    [InlineData(StatusCode.Internal, 1)]
    public async Task CreateCallPipeline_CallFailsWithStatus_RetriesOnlyTransientStatuses(StatusCode status, int expectedAttempts)
    {
        // Arrange: 1 attempt + 3 retries for a transient status.
        var pipeline = KpiResilience.CreateCallPipeline(Options(retries: 3));
        var attempts = 0;

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () => await pipeline.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw new RpcException(new Grpc.Core.Status(status, "boom"));
        }));

        // Assert
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(expectedAttempts, attempts);
    }

    [Fact]
    public async Task CreateCallPipeline_TransientFailureThenSuccess_ReturnsTheResult()
    {
        // Arrange
        var pipeline = KpiResilience.CreateCallPipeline(Options());
        var attempts = 0;

        // Act
        var result = await pipeline.ExecuteAsync(_ => ++attempts < 3
            ? throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "down"))
            : ValueTask.FromResult(42));

        // Assert
        Assert.Equal(42, result);
        Assert.Equal(3, attempts);
    }

    [Fact]
    public async Task CreateCallPipeline_ManyTransientFailures_OpensTheCircuitAndFailsFast()
    {
        // Arrange: no retries, the breaker judges after 4 attempts.
        var pipeline = KpiResilience.CreateCallPipeline(Options(retries: 0, minimumThroughput: 4));
        var attempts = 0;
        ValueTask<int> Fail(CancellationToken _)
        {
            attempts++;
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "down"));
        }

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await pipeline.ExecuteAsync(Fail));
        }

        // Act
        var error = await Record.ExceptionAsync(async () => await pipeline.ExecuteAsync(Fail));

        // Assert
        Assert.IsType<BrokenCircuitException>(error);
        Assert.Equal(4, attempts);
    }

    [Fact]
    public async Task CreateCallPipeline_InvalidArgumentFailures_NeverOpenTheCircuit()
    {
        // Arrange
        var pipeline = KpiResilience.CreateCallPipeline(Options(retries: 0, minimumThroughput: 2));

        // Act
        for (var i = 0; i < 5; i++)
        {
            await Assert.ThrowsAsync<RpcException>(async () => await pipeline.ExecuteAsync<int>(
                _ => throw new RpcException(new Grpc.Core.Status(StatusCode.InvalidArgument, "bad"))));
        }

        var result = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(1));

        // Assert
        Assert.Equal(1, result);
    }

    [Theory]
    [InlineData("STORE_DISK_FULL", 300, true)]
    [InlineData("REQUEST_BUFFERS_FULL", 1000, true)]
    [InlineData("REQUEST_TOO_LARGE", null, false)]
    [InlineData("TOO_MANY_WATCHES_ON_CONNECTION", null, false)]
    public void IsTransient_ResourceExhausted_OnlyWhenTheServerSaysWhenToComeBack(string reason, int? retryDelayMs, bool transient)
    {
        // Arrange
        var error = RetryableRefusals.ResourceExhausted(reason, retryDelayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null);

        // Act + Assert
        Assert.Equal(transient, KpiResilience.IsTransient(error));
        Assert.Equal(retryDelayMs is { } delay ? TimeSpan.FromMilliseconds(delay) : null, KpiResilience.ServerRetryDelay(error));
    }

    [Fact]
    public async Task CreateCallPipeline_DiskFullWithRetryDelay_WaitsAtLeastTheServersDelayBeforeEachRetry()
    {
        // Arrange: the client's own backoff is 1-5 ms; the server asks for 300 ms, twice.
        var delay = TimeSpan.FromMilliseconds(300);
        var diskFull = RetryableRefusals.ResourceExhausted("STORE_DISK_FULL", delay);
        var pipeline = KpiResilience.CreateCallPipeline(Options(retries: 3));
        var attempts = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();

        // Act
        var result = await pipeline.ExecuteAsync(_ =>
        {
            attempts.Add(clock.Elapsed);
            return attempts.Count < 3 ? throw diskFull : ValueTask.FromResult(42);
        });

        // Assert
        Assert.Equal(42, result);
        Assert.Equal(3, attempts.Count);
        Assert.True(attempts[1] - attempts[0] >= delay - TimerSlack, $"first retry after {attempts[1] - attempts[0]}");
        Assert.True(attempts[2] - attempts[1] >= delay - TimerSlack, $"second retry after {attempts[2] - attempts[1]}");
    }

    [Fact]
    public async Task CreateCallPipeline_ResourceExhaustedWithoutRetryInfo_NotRetried()
    {
        // Arrange
        var pipeline = KpiResilience.CreateCallPipeline(Options(retries: 3));
        var attempts = 0;

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () => await pipeline.ExecuteAsync<int>(_ =>
        {
            attempts++;
            throw RetryableRefusals.ResourceExhausted("REQUEST_TOO_LARGE", retryDelay: null);
        }));

        // Assert
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal(1, attempts);
    }
}
