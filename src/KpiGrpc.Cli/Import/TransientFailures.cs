using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Cli.Commands;

namespace KpiGrpc.Cli.Import;

/// <summary>Which failures of an import stream are worth a new stream, and how to name them.</summary>
internal static class TransientFailures
{
    /// <summary>
    /// The server is down or restarting, the connection was reset, the stream ended early, or the
    /// server ran out of something it will get back (a full disk, its request buffers) and said
    /// when to try again (a RESOURCE_EXHAUSTED with a google.rpc.RetryInfo). InvalidArgument,
    /// PermissionDenied, a RESOURCE_EXHAUSTED without RetryInfo (a batch over the size limit) and
    /// the like would fail the same way again.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        // A certificate refused (either side's) is refused again on every retry.
        RpcException rpc when TlsFailure.Of(rpc) is not null => false,
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Aborted } => true,
        RpcException { StatusCode: StatusCode.ResourceExhausted } rpc => ServerRetryDelay(rpc) is not null,
        // A reset connection can surface as Internal or Unknown around the IOException.
        RpcException { StatusCode: StatusCode.Internal or StatusCode.Unknown } rpc => HasNetworkCause(rpc.Status.DebugException),
        ImportStreamEndedException => true,
        _ => false,
    };

    /// <summary>The wait the server asked for before the next attempt (google.rpc.RetryInfo), if it said.</summary>
    public static TimeSpan? ServerRetryDelay(Exception exception) =>
        exception is RpcException rpc && rpc.GetRpcStatus()?.GetDetail<RetryInfo>() is { RetryDelay: { } delay } ? delay.ToTimeSpan() : null;

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
