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
    public static RpcException StoreFull(StoreFullException full) => WithReason(
        StatusCode.ResourceExhausted,
        full.Message,
        "STORE_DISK_FULL",
        new()
        {
            ["data_directory"] = full.DataDirectory,
            ["free_bytes"] = full.FreeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
        },
        RetryDelays.StoreFull);

    /// <summary>DATA_LOSS: the store's files are damaged; the message says which and what to do.</summary>
    public static RpcException StoreDamaged(StoreDamagedException damaged) =>
        WithReason(StatusCode.DataLoss, damaged.Message, "STORE_DAMAGED", new() { ["path"] = damaged.Path });

    /// <summary>A request message that stopped arriving halfway (its buffer is freed).</summary>
    public static RpcException MessageTimedOut(TimeSpan timeout, long received) => WithReason(
        StatusCode.DeadlineExceeded,
        $"The request message did not arrive in full within {timeout} (Kpi:Limits:MessageReceiveTimeout): {received} bytes of it came. "
            + "Check the network, or send smaller batches.",
        "MESSAGE_RECEIVE_TIMEOUT");

    /// <summary>Incoming messages already fill the server's buffer budget.</summary>
    public static RpcException RequestBuffersFull(long budget) => WithReason(
        StatusCode.ResourceExhausted,
        $"The server already holds {budget} bytes of incoming messages (Kpi:Limits:MaxBufferedRequestBytes). "
            + "Send this batch again in a moment, or send smaller batches.",
        "REQUEST_BUFFERS_FULL",
        retryDelay: RetryDelays.RequestBuffersFull);

    /// <summary>A request larger than the largest message, refused by the HTTP layer.</summary>
    public static RpcException RequestTooLarge(long limit) => WithReason(
        StatusCode.ResourceExhausted,
        $"The request is larger than {limit} bytes, the largest message the server takes: send smaller batches.",
        "REQUEST_TOO_LARGE");

    /// <summary>A batch that arrives once the server is stopping: nothing of it was stored.</summary>
    public static RpcException ShuttingDown() => WithReason(
        StatusCode.Unavailable,
        "The server is shutting down and takes no new batch; nothing of this one was stored. Send it again once the server is back.",
        "SHUTTING_DOWN",
        retryDelay: RetryDelays.ShuttingDown);

    /// <summary>An import stream ended by the shutdown once every batch it had received was stored and acknowledged.</summary>
    public static RpcException ImportDrained(long? lastAckedBatchId) => WithReason(
        StatusCode.Unavailable,
        lastAckedBatchId is { } last
            ? $"The server is shutting down: every batch up to batch_id {last} is stored and acknowledged, none after it; resume after batch {last} once the server is back."
            : "The server is shutting down before any batch of this stream was stored; send them all again once the server is back.",
        "SHUTTING_DOWN",
        lastAckedBatchId is { } id ? new Dictionary<string, string> { ["last_acked_batch_id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture) } : null,
        RetryDelays.ShuttingDown);

    /// <summary>A watch ended by the shutdown.</summary>
    public static RpcException WatchDrained() => WithReason(
        StatusCode.Unavailable,
        "The server is shutting down: reconnect and watch again once it is back (the first message is a new snapshot).",
        "SHUTTING_DOWN",
        retryDelay: RetryDelays.ShuttingDown);

    /// <summary>A computation ended, or refused, by the shutdown: ComputeKpis keeps nothing, so it starts over.</summary>
    public static RpcException ComputeDrained() => WithReason(
        StatusCode.Unavailable,
        "The server is shutting down: nothing of this computation was stored; run the computation again once the server is back.",
        "SHUTTING_DOWN",
        retryDelay: RetryDelays.ShuttingDown);

    /// <summary>
    /// A request message that is not protobuf of the RPC's request type (cut short, or not protobuf at all):
    /// INTERNAL, as gRPC's status code table says for a request that cannot be parsed.
    /// </summary>
    public static RpcException MalformedRequest(string method, string parseError) => WithReason(
        StatusCode.Internal,
        $"A request message of {method} is not a valid protobuf message of its type ({parseError}): nothing of it was read. "
            + "Check that the client is generated from the server's protos and sends whole messages.",
        "MALFORMED_REQUEST",
        new() { ["method"] = method });

    public static RpcException Cancelled() =>
        new(new Grpc.Core.Status(StatusCode.Cancelled, "The call was cancelled."));

    /// <summary>The domain of every google.rpc.ErrorInfo the server sends.</summary>
    public const string Domain = "kpi.v1";

    /// <summary>
    /// A status with a google.rpc.ErrorInfo whose reason (and metadata) a program can test, and,
    /// when the same request may succeed later, a google.rpc.RetryInfo saying how long to wait first.
    /// </summary>
    public static RpcException WithReason(
        StatusCode code, string message, string reason, Dictionary<string, string>? metadata = null, TimeSpan? retryDelay = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        if (metadata is not null)
        {
            info.Metadata.Add(metadata);
        }

        var status = new Google.Rpc.Status { Code = (int)code, Message = message, Details = { Any.Pack(info) } };
        if (retryDelay is { } delay)
        {
            status.Details.Add(Any.Pack(new RetryInfo { RetryDelay = Duration.FromTimeSpan(delay) }));
        }

        return status.ToRpcException();
    }

    // The cause is in the server log; clients get no internals.
    public static RpcException Internal() =>
        new(new Grpc.Core.Status(StatusCode.Internal, "The server failed to process the request; the error is logged."));
}
