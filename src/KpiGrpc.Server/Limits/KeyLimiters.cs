using System.Threading.RateLimiting;
using KpiGrpc.Server.Options;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Limits;

/// <summary>
/// A token bucket (requests a second) and a concurrency limiter (open streams) per key name, from
/// <c>Kpi:Limits:PerKey</c>; a limit of 0 is no limiter at all.
/// </summary>
public sealed class KeyLimiters : IDisposable
{
    public KeyLimiters(IOptions<LimitsOptions> options)
    {
        var perKey = options.Value.PerKey;
        RequestsPerSecond = perKey.RequestsPerSecond;
        ConcurrentStreams = perKey.ConcurrentStreams;
        Requests = RequestsPerSecond == 0 ? null : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(
            key,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = RequestsPerSecond,
                TokensPerPeriod = RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }));
        Streams = ConcurrentStreams == 0 ? null : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetConcurrencyLimiter(
            key,
            _ => new ConcurrencyLimiterOptions { PermitLimit = ConcurrentStreams, QueueLimit = 0 }));
    }

    public int RequestsPerSecond { get; }

    public int ConcurrentStreams { get; }

    /// <summary>Null when requests a second are not limited.</summary>
    public PartitionedRateLimiter<string>? Requests { get; }

    /// <summary>Null when open streams are not limited.</summary>
    public PartitionedRateLimiter<string>? Streams { get; }

    public void Dispose()
    {
        Requests?.Dispose();
        Streams?.Dispose();
    }
}
