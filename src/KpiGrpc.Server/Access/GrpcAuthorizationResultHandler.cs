using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace KpiGrpc.Server.Access;

/// <summary>
/// Answers a refused call as gRPC does, not with HTTP 401/403: UNAUTHENTICATED or PERMISSION_DENIED
/// in a trailers-only response, with the google.rpc.ErrorInfo saying why. Logs each refusal with the
/// key's name (when known, never the secret) and the peer.
/// </summary>
public sealed class GrpcAuthorizationResultHandler(ILogger<GrpcAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            return next(context);
        }

        var method = context.Request.Path.Value ?? "";
        var peer = $"{context.Connection.RemoteIpAddress}:{context.Connection.RemotePort}";
        if (authorizeResult.Forbidden)
        {
            var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(requirement => requirement.AllowedRoles).ToList();
            AccessLog.RoleMissing(logger, method, context.User.Identity?.Name ?? "", string.Join(" or ", roles), peer);
            return WriteAsync(context, AccessErrors.RoleMissing(method, roles));
        }

        var rejected = ApiKeyAuthenticationHandler.RejectionOf(context);
        if (rejected?.Failed is { } failed)
        {
            AccessLog.TokenRefused(logger, method, failed, rejected.KeyName ?? "(unknown)", peer);
            return WriteAsync(context, AccessErrors.TokenRefused(failed));
        }

        var reason = rejected?.Reason ?? AccessErrors.MissingCredential;
        AccessLog.AuthenticationFailed(logger, method, reason, rejected?.KeyName ?? "(unknown)", peer);
        return WriteAsync(context, AccessErrors.Unauthenticated(reason));
    }

    /// <summary>A trailers-only gRPC response: the status, its message and details in the headers, no body.</summary>
    private static async Task WriteAsync(HttpContext context, RpcException error)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(error.Status.Detail);
        if (error.Trailers.GetValueBytes("grpc-status-details-bin") is { } details)
        {
            response.Headers["grpc-status-details-bin"] = Convert.ToBase64String(details);
        }

        await response.CompleteAsync();
    }
}
