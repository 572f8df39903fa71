using KpiGrpc.Server.Options;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Transport;

/// <summary>
/// Every HTTP/2 and request limit Kestrel enforces, set here on purpose rather than left to its
/// defaults; the README's Limits table lists them.
/// </summary>
public sealed class KestrelLimits(IOptions<LimitsOptions> options) : IConfigureOptions<KestrelServerOptions>
{
    /// <summary>Request headers (gRPC metadata) of one call, all fields together.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    public void Configure(KestrelServerOptions kestrel)
    {
        var limits = options.Value;
        // HTTP/2 only on every endpoint (cleartext, or TLS with ALPN h2), whatever the configuration files say.
        kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2);

        // gRPC lifts the body limit for streams; unary calls get the same largest message.
        kestrel.Limits.MaxRequestBodySize = KpiServerExtensions.MaxRequestBodySize;
        // The message receive timeout bounds a stalled upload on every call. Kestrel's rate
        // applied to unary calls only, as an average that a burst followed by a stall passes.
        kestrel.Limits.MinRequestBodyDataRate = null;

        kestrel.Limits.Http2.MaxStreamsPerConnection = limits.MaxStreamsPerConnection;
        kestrel.Limits.Http2.KeepAlivePingDelay = limits.KeepAlivePingDelay;
        kestrel.Limits.Http2.KeepAlivePingTimeout = limits.KeepAlivePingTimeout;

        // 32 KiB of headers per call (Kestrel's default), advertised to clients, which then refuse a
        // bigger call themselves with a clear error. One field may fill it: a 16 KiB field limit
        // (the documented default, set explicitly) made a 20 KB header close the whole connection
        // with COMPRESSION_ERROR, every other call on it too.
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxHeaderBytes;
        kestrel.Limits.Http2.MaxRequestHeaderFieldSize = MaxHeaderBytes;

        // Large windows let a bulk import keep several 5,000-record batches on the wire.
        kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
        kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
    }
}
