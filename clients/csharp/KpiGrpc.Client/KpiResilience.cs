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
    /// <summary>
    /// Statuses worth another attempt: the server is unreachable or restarting (Unavailable) or
    /// did not answer in time (DeadlineExceeded). Everything else is an answer that a retry would
    /// repeat: InvalidArgument above all, and ResourceExhausted too, which the client raises for a
    /// message over the size limit and the server for a watch past its caps (a limit to act on:
    /// end a watch, or use another connection), never for throttling.
    /// </summary>
    public static bool IsTransient(StatusCode code) => code is StatusCode.Unavailable or StatusCode.DeadlineExceeded;

    /// <summary>True for a transient <see cref="RpcException"/> or an open circuit: the same call may succeed later.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        RpcException rpc => IsTransient(rpc.StatusCode),
        BrokenCircuitException => true,
        _ => false,
    };

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
    };

    private static PredicateBuilder<object> TransientRpcFailures() =>
        new PredicateBuilder().Handle<RpcException>(ex => IsTransient(ex.StatusCode));
}
