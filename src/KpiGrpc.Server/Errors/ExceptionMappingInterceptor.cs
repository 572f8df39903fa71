using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using KpiGrpc.Core.Access;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Storage;
using KpiGrpc.Server.Access;

namespace KpiGrpc.Server.Errors;

/// <summary>
/// The one place domain exceptions become gRPC statuses, so no client ever sees a bare Unknown.
/// </summary>
public sealed class ExceptionMappingInterceptor(ILogger<ExceptionMappingInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw Map(ex, context);
        }
    }

    private RpcException Map(Exception exception, ServerCallContext context)
    {
        switch (exception)
        {
            case KpiRequestException request:
                KpiServerLog.InvalidRequest(logger, context.Method, request.Field, request.Message);
                return RpcErrors.InvalidArgument(request.Field, request.Message);
            case BatchTooLargeException tooLarge:
                KpiServerLog.InvalidRequest(logger, context.Method, BatchField(context.Method), tooLarge.Message);
                return RpcErrors.InvalidArgument(BatchField(context.Method), tooLarge.Message);
            case CampaignOutOfScopeException outOfScope:
                AccessLog.CampaignOutOfScope(
                    logger, context.Method, context.GetHttpContext().User.Identity?.Name ?? "", outOfScope.Message, context.Peer);
                return AccessErrors.OutOfScope(outOfScope);
            case StoreFullException full:
                KpiServerLog.StoreFull(logger, context.Method, full.DataDirectory, full.FreeBytes);
                return RpcErrors.StoreFull(full);
            case StoreDamagedException damaged:
                KpiServerLog.StoreDamaged(logger, context.Method, damaged);
                return RpcErrors.StoreDamaged(damaged);
            case InvalidProtocolBufferException malformed:
                KpiServerLog.MalformedRequest(logger, context.Method, context.Peer, malformed.Message);
                return RpcErrors.MalformedRequest(context.Method, malformed.Message);
            // A client that leaves mid-call makes awaits throw all sorts; none of it is a server fault.
            case Exception when context.CancellationToken.IsCancellationRequested:
                KpiServerLog.CallCancelled(logger, context.Method, exception.GetType().Name);
                return RpcErrors.Cancelled();
            default:
                KpiServerLog.UnhandledError(logger, context.Method, exception);
                return RpcErrors.Internal();
        }
    }

    /// <summary>The repeated field that holds the batch, as named in the request message.</summary>
    private static string BatchField(string method) => method switch
    {
        _ when method.EndsWith("Calls", StringComparison.Ordinal) => "calls",
        _ when method.EndsWith("AppointmentResults", StringComparison.Ordinal) => "results",
        _ when method.EndsWith("Sessions", StringComparison.Ordinal) => "sessions",
        _ => "batch",
    };
}
