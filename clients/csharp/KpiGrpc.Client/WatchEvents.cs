using Grpc.Core;
using KpiGrpc.V1;

namespace KpiGrpc.Client;

/// <summary>Reassembles the events the server splits into several messages (WatchKpisResponse.continued).</summary>
internal static class WatchEvents
{
    /// <summary>The next event as one message, its groups in the order sent; null when the stream ended.</summary>
    public static async Task<WatchKpisResponse?> ReadAsync(IAsyncStreamReader<WatchKpisResponse> stream, CancellationToken cancellationToken)
    {
        if (!await stream.MoveNext(cancellationToken))
        {
            return null;
        }

        var whole = stream.Current;
        while (whole.Continued)
        {
            if (!await stream.MoveNext(cancellationToken))
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "The watch ended in the middle of an event."));
            }

            // The first part keeps its kind: the parts after a SNAPSHOT complete it.
            whole.Groups.AddRange(stream.Current.Groups);
            whole.Continued = stream.Current.Continued;
        }

        return whole;
    }
}
