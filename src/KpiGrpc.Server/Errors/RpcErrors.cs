using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace KpiGrpc.Server.Errors;

/// <summary>RpcExceptions carrying google.rpc details, so that clients can point at the field at fault.</summary>
public static class RpcErrors
{
    public static RpcException InvalidArgument(string field, string description) => new Google.Rpc.Status
    {
        Code = (int)Code.InvalidArgument,
        Message = description,
        Details =
        {
            Any.Pack(new BadRequest
            {
                FieldViolations = { new BadRequest.Types.FieldViolation { Field = field, Description = description } },
            }),
        },
    }.ToRpcException();

    public static RpcException Cancelled() =>
        new(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));

    // The cause is in the server log; clients get no internals.
    public static RpcException Internal() =>
        new(new Grpc.Core.Status(StatusCode.Internal, "The server failed to process the request; the error is logged."));
}
