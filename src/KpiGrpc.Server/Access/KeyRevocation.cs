namespace KpiGrpc.Server.Access;

/// <summary>
/// Ties a call to its key: when the key is revoked (or changed) the call's cancellation token fires,
/// and <see cref="RevokedKeyInterceptor"/> ends the call with UNAUTHENTICATED.
/// </summary>
public sealed class KeyRevocation(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Items[ApiKeyAuthenticationHandler.RevokedItem] is not CancellationToken revoked)
        {
            await next(context);
            return;
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, revoked);
        context.RequestAborted = either.Token;
        await next(context);
    }

    /// <summary>Whether the call's key has been revoked since the call began.</summary>
    public static bool IsRevoked(HttpContext context) =>
        context.Items[ApiKeyAuthenticationHandler.RevokedItem] is CancellationToken { IsCancellationRequested: true };
}
