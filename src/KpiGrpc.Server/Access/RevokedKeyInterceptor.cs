using Grpc.Core;
using Grpc.Core.Interceptors;

namespace KpiGrpc.Server.Access;

/// <summary>
/// A call whose key was revoked (or whose JWT expired) while it ran ends with UNAUTHENTICATED (KEY_REVOKED,
/// TOKEN_EXPIRED), whatever the cancellation made it throw.
/// </summary>
public sealed class RevokedKeyInterceptor(ILogger<RevokedKeyInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception) when (IsRevoked(context))
        {
            throw Ended(context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception) when (IsRevoked(context))
        {
            throw Ended(context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception) when (IsRevoked(context))
        {
            throw Ended(context);
        }

        // A stream that ends quietly on cancellation still must not look like a normal end.
        if (IsRevoked(context))
        {
            throw Ended(context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception) when (IsRevoked(context))
        {
            throw Ended(context);
        }

        if (IsRevoked(context))
        {
            throw Ended(context);
        }
    }

    private static bool IsRevoked(ServerCallContext context) => KeyRevocation.IsRevoked(context.GetHttpContext());

    private RpcException Ended(ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var peer = $"{http.Connection.RemoteIpAddress}:{http.Connection.RemotePort}";
        if (http.Items.ContainsKey(JwtBearerSetup.ExpiresItem))
        {
            AccessLog.CallEndedByExpiry(logger, context.Method, http.User.Identity?.Name ?? "", peer);
            return AccessErrors.Unauthenticated(AccessErrors.TokenExpired);
        }

        AccessLog.CallEndedByRevocation(logger, context.Method, http.User.Identity?.Name ?? "", peer);
        return AccessErrors.Unauthenticated(AccessErrors.KeyRevoked);
    }
}
