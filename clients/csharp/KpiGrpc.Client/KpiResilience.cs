using Google.Rpc;
using Grpc.Core;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace KpiGrpc.Client;

/// <summary>
/// The Polly pipelines of the client. Retrying is safe because every write is idempotent
/// (call_id, session_id and the appointment's call_id are idempotency keys).
/// </summary>
public static class KpiResilience
{
    /// <summary>How far above the server's retry_delay a retry may wait, so that many clients do not come back at once.</summary>
    private const double ServerDelayJitter = 0.2;

    /// <summary>
    /// Statuses worth another attempt whatever their details: the server is unreachable, restarting
    /// or shutting down (Unavailable) or did not answer in time (DeadlineExceeded). ResourceExhausted
    /// is transient only when the server says when to come back (see <see cref="IsTransient(Exception)"/>).
    /// </summary>
    public static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    /// <summary>
    /// True for a transient <see cref="RpcException"/> or an open circuit: the same call may succeed later.
    /// ResourceExhausted is transient when it carries a google.rpc.RetryInfo: the server's disk is
    /// full (STORE_DISK_FULL) or its request buffers are (REQUEST_BUFFERS_FULL). Without one it is
    /// a limit to act on, that a retry would hit again: a message over the size limit, a watch past
    /// its caps (end a watch, or use another connection). Everything else (InvalidArgument above
    /// all) is an answer that a retry would repeat.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RpcException { StatusCode: StatusCode.ResourceExhausted } rpc => ServerRetryDelay(rpc) is not null,
        RpcException rpc => IsTransient(rpc.StatusCode),
        BrokenCircuitException => true,
        _ => false,
    };

    /// <summary>The least wait the server asked for before the next attempt (google.rpc.RetryInfo's retry_delay), if it said.</summary>
    public static TimeSpan? ServerRetryDelay(Exception exception) =>
        exception is RpcException rpc && rpc.GetRpcStatus()?.GetDetail<RetryInfo>() is { RetryDelay: { } delay } ? delay.ToTimeSpan() : null;

    /// <summary>Unary calls: retries with exponential backoff and jitter around a circuit breaker.</summary>
    public static ResiliencePipeline CreateCallPipeline(KpiClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(RetryOptions(options, options.MaxRetryAttempts));
        }

        // Inside the retry, so every attempt counts, and an open circuit fails the call at once.
        return builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = TransientRpcFailures(),
            FailureRatio = options.CircuitBreakerFailureRatio,
            MinimumThroughput = options.CircuitBreakerMinimumThroughput,
            SamplingDuration = options.CircuitBreakerSamplingDuration,
            BreakDuration = options.CircuitBreakerBreakDuration,
        }).Build();
    }

    /// <summary>Watch connections: retried for as long as the caller keeps watching.</summary>
    public static ResiliencePipeline CreateReconnectPipeline(KpiClientOptions options) =>
        new ResiliencePipelineBuilder().AddRetry(RetryOptions(options, int.MaxValue)).Build();

    private static RetryStrategyOptions RetryOptions(KpiClientOptions options, int attempts) => new()
    {
        ShouldHandle = TransientRpcFailures(),
        MaxRetryAttempts = attempts,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = options.RetryMaxDelay,
        // The server's retry_delay, when it sent one, is the least wait: spread a little above it.
        DelayGenerator = args => ValueTask.FromResult(
            args.Outcome.Exception is { } failure && ServerRetryDelay(failure) is { } server
                ? server * (1 + (Random.Shared.NextDouble() * ServerDelayJitter))
                : (TimeSpan?)null),
    };

    private static PredicateBuilder<object> TransientRpcFailures() =>
        new PredicateBuilder().Handle<RpcException>(ex => IsTransient(ex));
}
