using System.Security.Authentication;
using Grpc.Core;

namespace KpiGrpc.Cli.Commands;

/// <summary>A TLS handshake that failed: the server's certificate is not trusted, or it refused ours. Retrying will not help.</summary>
internal static class TlsFailure
{
    /// <summary>The handshake's error behind a failed call, or null when the call failed otherwise.</summary>
    public static AuthenticationException? Of(Exception exception)
    {
        var cause = exception is RpcException rpc ? rpc.Status.DebugException : exception;
        for (var current = cause; current is not null; current = current.InnerException)
        {
            if (current is AuthenticationException tls)
            {
                return tls;
            }
        }

        return null;
    }

    /// <summary>One line for the user: what failed, and the options that decide it.</summary>
    public static string Describe(string server, AuthenticationException failure) =>
        $"TLS handshake with {server} failed: {failure.Message} "
        + "(the server's certificate must chain to --ca, or to a system CA without --ca; a server requiring client certificates needs --client-cert and --client-key)";
}
