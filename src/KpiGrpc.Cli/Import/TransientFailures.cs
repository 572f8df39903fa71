using Grpc.Core;
using KpiGrpc.Cli.Commands;

namespace KpiGrpc.Cli.Import;

/// <summary>Which failures of an import stream are worth a new stream, and how to name them.</summary>
internal static class TransientFailures
{
    /// <summary>
    /// The server is down or restarting, the connection was reset, or the stream ended early.
    /// InvalidArgument, PermissionDenied, Unauthenticated and the like would fail the same way again.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        // A certificate refused (either side's) is refused again on every retry.
        RpcException rpc when TlsFailure.Of(rpc) is not null => false,
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted } => true,
        // A reset connection can surface as Internal or Unknown around the IOException.
        RpcException { StatusCode: StatusCode.Internal or StatusCode.Unknown } rpc => HasNetworkCause(rpc.Status.DebugException),
        ImportStreamEndedException => true,
        _ => false,
    };

    /// <summary>One line on what went wrong, with the network cause when there is one.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {Cause(rpc)}",
        _ => exception.Message,
    };

    private static string Cause(RpcException rpc)
    {
        var root = rpc.Status.DebugException;
        while (root?.InnerException is not null)
        {
            root = root.InnerException;
        }

        return root?.Message ?? rpc.Status.Detail;
    }

    private static bool HasNetworkCause(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is IOException or System.Net.Sockets.SocketException or HttpRequestException)
            {
                return true;
            }
        }

        return false;
    }
}
