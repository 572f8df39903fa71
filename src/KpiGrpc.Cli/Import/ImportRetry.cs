using Polly;
using Polly.Retry;

namespace KpiGrpc.Cli.Import;

/// <summary>The Polly pipeline that reopens an import stream after a transient failure.</summary>
internal static class ImportRetry
{
    /// <summary>How far above the server's retry_delay a retry may wait, so that many clients do not come back at once.</summary>
    private const double ServerDelayJitter = 0.2;

    /// <param name="onRetry">Told of each failure that will be retried: the failure, the retry number (1-based), the delay.</param>
    public static ResiliencePipeline Create(RetrySettings settings, Action<Exception, int, TimeSpan> onRetry)
    {
        if (settings.MaxRetries == 0)
        {
            return ResiliencePipeline.Empty;
        }

        return new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientFailures.IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = settings.MaxRetries,
                Delay = settings.BaseDelay,
                MaxDelay = settings.MaxDelay,
                // The server's retry_delay, when it sent one, is the least wait: spread a little above it.
                DelayGenerator = args => ValueTask.FromResult(
                    TransientFailures.ServerRetryDelay(args.Outcome.Exception!) is { } server
                        ? server * (1 + (Random.Shared.NextDouble() * ServerDelayJitter))
                        : (TimeSpan?)null),
                OnRetry = args =>
                {
                    onRetry(args.Outcome.Exception!, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }
}
