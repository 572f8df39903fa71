using System.Reflection;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using KpiGrpc.Server.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KpiGrpc.Server.Transport;

/// <summary>
/// A request message that is not valid protobuf of its type gets INTERNAL with reason
/// MALFORMED_REQUEST, in every RPC. grpc-dotnet parses a unary or server-streaming request before
/// any interceptor runs and answers a parse failure with a bare UNKNOWN "Exception was thrown by
/// handler."; a status thrown by the request's deserializer is sent as it is. So every service is
/// bound as grpc-dotnet binds it (the generated BindService), with each request marshaller wrapped.
/// </summary>
public static class MalformedRequestGuard
{
    /// <summary>Replaces grpc-dotnet's method provider by the guarded one, for every gRPC service (health and reflection included).</summary>
    public static IServiceCollection AddMalformedRequestGuard(this IServiceCollection services)
    {
        services.RemoveAll(descriptor => descriptor.ServiceType == typeof(IServiceMethodProvider<>)
            && descriptor.ImplementationType?.Name == "BinderServiceMethodProvider`1");
        services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(IServiceMethodProvider<>), typeof(GuardedServiceMethodProvider<>)));
        return services;
    }

    /// <summary>The marshaller with a deserializer that throws MALFORMED_REQUEST instead of a parse exception.</summary>
    internal static Marshaller<T> Guard<T>(Marshaller<T> marshaller, string method) => new(
        marshaller.ContextualSerializer,
        context =>
        {
            try
            {
                return marshaller.ContextualDeserializer(context);
            }
            catch (InvalidProtocolBufferException malformed)
            {
                throw RpcErrors.MalformedRequest(method, malformed.Message);
            }
        });

    private static void RemoveAll(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        foreach (var descriptor in services.Where(match).ToList())
        {
            services.Remove(descriptor);
        }
    }
}

/// <summary>Finds a service's generated BindService, as grpc-dotnet does, and binds it through <see cref="GuardedServiceBinder{TService}"/>.</summary>
internal sealed class GuardedServiceMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var binding = typeof(TService).GetCustomAttribute<BindServiceMethodAttribute>(inherit: true);
        var bindService = binding?.BindType.GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(method =>
            method.Name == binding.BindMethodName
            && method.GetParameters() is [{ ParameterType: var binder }, _]
            && binder == typeof(ServiceBinderBase));
        bindService?.Invoke(null, [new GuardedServiceBinder<TService>(context), null]);
    }
}

/// <summary>Adds each method of a generated service with its request marshaller guarded; the handler is the service's method of that name.</summary>
internal sealed class GuardedServiceBinder<TService>(ServiceMethodProviderContext<TService> context) : ServiceBinderBase
    where TService : class
{
    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<UnaryServerMethod<TService, TRequest, TResponse>>(method.Name, typeof(TRequest), typeof(ServerCallContext));
        context.AddUnaryMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ClientStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(ServerCallContext));
        context.AddClientStreamingMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<ServerStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(TRequest), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddServerStreamingMethod(Guarded(method), metadata, invoker);
    }

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler)
    {
        var (invoker, metadata) = Handler<DuplexStreamingServerMethod<TService, TRequest, TResponse>>(
            method.Name, typeof(IAsyncStreamReader<TRequest>), typeof(IServerStreamWriter<TResponse>), typeof(ServerCallContext));
        context.AddDuplexStreamingMethod(Guarded(method), metadata, invoker);
    }

    private static Method<TRequest, TResponse> Guarded<TRequest, TResponse>(Method<TRequest, TResponse> method) =>
        new(method.Type, method.ServiceName, method.Name, MalformedRequestGuard.Guard(method.RequestMarshaller, method.FullName), method.ResponseMarshaller);

    /// <summary>The service's public method of that name and parameters, and its attributes and its type's as endpoint metadata (grpc-dotnet's order).</summary>
    private static (TDelegate Invoker, List<object> Metadata) Handler<TDelegate>(string name, params Type[] parameters)
        where TDelegate : Delegate
    {
        var handler = typeof(TService).GetMethod(name, BindingFlags.Public | BindingFlags.Instance, binder: null, parameters, modifiers: null)
            ?? throw new InvalidOperationException($"Could not find '{name}' on {typeof(TService)}.");
        List<object> metadata = [.. typeof(TService).GetCustomAttributes(inherit: true), .. handler.GetCustomAttributes(inherit: true)];
        return ((TDelegate)Delegate.CreateDelegate(typeof(TDelegate), handler), metadata);
    }
}
