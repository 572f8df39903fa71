using System.Threading.RateLimiting;
using Grpc.Core;
using KpiGrpc.Server.Access;
using KpiGrpc.Server.Errors;

namespace KpiGrpc.Server.Limits;

/// <summary>
/// Takes a batch's records from its key's records a second (<c>Kpi:Limits:PerKey:RecordsPerSecond</c>) before
/// the batch is stored, so that a refused batch is refused whole and what was acknowledged before stays.
/// Like the other per-key limits, none on an open server.
/// </summary>
public sealed class KeyRecordLimits(KeyLimiters limiters, ApiKeyRing ring)
{
    /// <summary>Throws RESOURCE_EXHAUSTED (KEY_RECORDS_LIMITED, with a RetryInfo) when the key has not <paramref name="records"/> left this second.</summary>
    public void Take(ServerCallContext context, int records)
    {
        if (ring.IsOpen || limiters.Records is not { } bucket || records == 0)
        {
            return;
        }

        var user = context.GetHttpContext().User;
        var key = user.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : KeyLimits.Anonymous;
        // A batch larger than the whole allowance needs a full bucket: it could never pass otherwise.
        using var lease = bucket.AttemptAcquire(key, Math.Min(records, limiters.RecordsPerSecond));
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : RetryDelays.KeyLimited;
            throw LimitErrors.KeyRecordsLimited(key, limiters.RecordsPerSecond, records, retryAfter);
        }
    }
}
