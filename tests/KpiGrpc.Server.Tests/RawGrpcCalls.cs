using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// Calls any RPC with a request of raw bytes, framed as gRPC but never checked by a protobuf
/// serializer, as a broken or hostile client would send it; the status the call ended with.
/// </summary>
internal static class RawGrpcCalls
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(bytes => bytes, bytes => bytes);

    /// <summary>Sends <paramref name="payload"/> as the one request message; OK once a response came (or the call ended well), else the error's status.</summary>
    public static async Task<Status> SendAsync(GrpcChannel channel, MethodDescriptor rpc, byte[] payload)
    {
        var method = new Method<byte[], byte[]>(TypeOf(rpc), rpc.Service.FullName, rpc.Name, Bytes, Bytes);
        var invoker = channel.CreateCallInvoker();
        // A guard against a hang only: a call that got this far without an answer fails the test as DEADLINE_EXCEEDED.
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30));
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, payload);
                    return Status.DefaultSuccess;
                case MethodType.ServerStreaming:
                    {
                        // A watch answers with its snapshot and stays open: the first message is enough.
                        using var call = invoker.AsyncServerStreamingCall(method, null, options, payload);
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                        return Status.DefaultSuccess;
                    }

                default:
                    {
                        using var call = invoker.AsyncDuplexStreamingCall(method, null, options);
                        try
                        {
                            await call.RequestStream.WriteAsync(payload);
                            await call.RequestStream.CompleteAsync();
                        }
                        catch (RpcException)
                        {
                            // The server ended the call first; its status follows.
                        }

                        while (await call.ResponseStream.MoveNext(CancellationToken.None))
                        {
                        }

                        return Status.DefaultSuccess;
                    }
            }
        }
        catch (RpcException error)
        {
            return error.Status;
        }
    }

    /// <summary>Whether the payload is a well-formed request of the RPC (it may still be an invalid one).</summary>
    public static bool Parses(MethodDescriptor rpc, byte[] payload)
    {
        try
        {
            rpc.InputType.Parser.ParseFrom(payload);
            return true;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
    }

    private static MethodType TypeOf(MethodDescriptor rpc) => (rpc.IsClientStreaming, rpc.IsServerStreaming) switch
    {
        (false, false) => MethodType.Unary,
        (false, true) => MethodType.ServerStreaming,
        (true, false) => MethodType.ClientStreaming,
        (true, true) => MethodType.DuplexStreaming,
    };
}
