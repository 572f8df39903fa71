using System.Threading.RateLimiting;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using KpiGrpc.Server.Access;
using KpiGrpc.Server.Errors;
using KpiGrpc.Server.Tls;

namespace KpiGrpc.Server.Limits;

/// <summary>
/// Refuses a call past its key's requests a second, or a stream past its key's open streams, before
/// gRPC runs (so nothing of it was read, nothing already acknowledged is touched): RESOURCE_EXHAUSTED
/// in a trailers-only response with the ErrorInfo and a RetryInfo. Runs after authentication.
/// An open server (no keys file, no JWT: one trusted user on loopback) has no keys to tell apart
/// and no limits: a benchmark or a wall of 300 watches there is one user's own business.
/// </summary>
public sealed class KeyLimits(RequestDelegate next, KeyLimiters limiters, ApiKeyRing ring)
{
    /// <summary>The partition of callers without a key.</summary>
    public const string Anonymous = "(anonymous)";

    public async Task InvokeAsync(HttpContext context)
    {
        if (ring.IsOpen || context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is not { } grpc)
        {
            await next(context);
            return;
        }

        var key = context.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : Anonymous;
        if (limiters.Requests is { } requests)
        {
            using var request = requests.AttemptAcquire(key);
            if (!request.IsAcquired)
            {
                await GrpcTrailersOnly.WriteAsync(context, LimitErrors.KeyRateLimited(key, limiters.RequestsPerSecond, RetryAfter(request)));
                return;
            }
        }

        if (grpc.Method.Type == MethodType.Unary || limiters.Streams is not { } streams)
        {
            await next(context);
            return;
        }

        // The permit is held for as long as the stream is open.
        using var stream = streams.AttemptAcquire(key);
        if (!stream.IsAcquired)
        {
            await GrpcTrailersOnly.WriteAsync(context, LimitErrors.KeyStreamsLimited(key, limiters.ConcurrentStreams, RetryAfter(stream)));
            return;
        }

        await next(context);
    }

    private static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) && after > TimeSpan.Zero ? after : RetryDelays.KeyLimited;
}
