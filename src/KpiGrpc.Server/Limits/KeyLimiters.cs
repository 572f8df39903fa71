using System.Threading.RateLimiting;
using KpiGrpc.Server.Options;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Limits;

/// <summary>
/// Token buckets (requests a second, records a second) and a concurrency limiter (open streams) per key name, from
/// <c>Kpi:Limits:PerKey</c>; a limit of 0 is no limiter at all.
/// </summary>
public sealed class KeyLimiters : IDisposable
{
    public KeyLimiters(IOptions<LimitsOptions> options)
    {
        var perKey = options.Value.PerKey;
        RequestsPerSecond = perKey.RequestsPerSecond;
        ConcurrentStreams = perKey.ConcurrentStreams;
        RecordsPerSecond = perKey.RecordsPerSecond;
        Requests = PerSecond(RequestsPerSecond);
        Records = PerSecond(RecordsPerSecond);
        Streams = ConcurrentStreams == 0 ? null : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetConcurrencyLimiter(
            key,
            _ => new ConcurrencyLimiterOptions { PermitLimit = ConcurrentStreams, QueueLimit = 0 }));
    }

    public int RequestsPerSecond { get; }

    public int ConcurrentStreams { get; }

    public int RecordsPerSecond { get; }

    /// <summary>Null when requests a second are not limited.</summary>
    public PartitionedRateLimiter<string>? Requests { get; }

    /// <summary>Null when open streams are not limited.</summary>
    public PartitionedRateLimiter<string>? Streams { get; }

    /// <summary>Null when records a second are not limited; a batch takes one permit a record.</summary>
    public PartitionedRateLimiter<string>? Records { get; }

    public void Dispose()
    {
        Requests?.Dispose();
        Streams?.Dispose();
        Records?.Dispose();
    }

    /// <summary>A bucket per key that holds a second's worth and refills whole every second; null for 0.</summary>
    private static PartitionedRateLimiter<string>? PerSecond(int limit) => limit == 0 ? null : PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(
        key,
        _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = limit,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
        }));
}
