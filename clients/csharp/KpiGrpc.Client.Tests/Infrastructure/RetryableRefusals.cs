using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace KpiGrpc.Client.Tests.Infrastructure;

/// <summary>Refusals as the server sends them, with the details a client decides on.</summary>
internal static class RetryableRefusals
{
    /// <summary>RESOURCE_EXHAUSTED with an ErrorInfo, and a RetryInfo when the same call may pass later.</summary>
    public static RpcException ResourceExhausted(string reason, TimeSpan? retryDelay)
    {
        var status = new Google.Rpc.Status
        {
            Code = (int)Code.ResourceExhausted,
            Message = reason,
            Details = { Any.Pack(new ErrorInfo { Reason = reason, Domain = "kpi.v1" }) },
        };
        if (retryDelay is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status.ToRpcException();
    }
}
