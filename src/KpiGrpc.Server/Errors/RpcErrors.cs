using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Core.Storage;

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

    /// <summary>RESOURCE_EXHAUSTED: the batch was not stored; send it again once the disk has room.</summary>
    public static RpcException StoreFull(StoreFullException full) => new Google.Rpc.Status
    {
        Code = (int)Code.ResourceExhausted,
        Message = full.Message,
        Details =
        {
            Any.Pack(new ErrorInfo
            {
                Reason = "STORE_DISK_FULL",
                Domain = "kpi.v1",
                Metadata =
                {
                    ["data_directory"] = full.DataDirectory,
                    ["free_bytes"] = full.FreeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                },
            }),
        },
    }.ToRpcException();

    /// <summary>DATA_LOSS: the store's files are damaged; the message says which and what to do.</summary>
    public static RpcException StoreDamaged(StoreDamagedException damaged) => new Google.Rpc.Status
    {
        Code = (int)Code.DataLoss,
        Message = damaged.Message,
        Details = { Any.Pack(new ErrorInfo { Reason = "STORE_DAMAGED", Domain = "kpi.v1", Metadata = { ["path"] = damaged.Path } }) },
    }.ToRpcException();

    public static RpcException Cancelled() =>
        new(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));

    // The cause is in the server log; clients get no internals.
    public static RpcException Internal() =>
        new(new Grpc.Core.Status(StatusCode.Internal, "The server failed to process the request; the error is logged."));
}
