using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// The real host on a Kestrel socket (127.0.0.1, a free port), for what in-memory hosting does
/// not have: HTTP/2 connections (each channel from <see cref="NewChannel"/> is one) and their
/// flow control. Watches are capped at 2 per connection and 3 in all.
/// </summary>
public sealed class KestrelKpiServer : KpiServerFactory
{
    public const int MaxWatchesPerConnection = 2;
    public const int MaxWatches = 3;

    public KestrelKpiServer()
        : base(new Dictionary<string, string?>
        {
            ["Kpi:Watch:MaxWatchesPerConnection"] = $"{MaxWatchesPerConnection}",
            ["Kpi:Watch:MaxWatches"] = $"{MaxWatches}",
        })
    {
        UseKestrel(0);
        StartServer();
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    /// <summary>A channel with its own HTTP/2 connection; the caller disposes it.</summary>
    public GrpcChannel NewChannel() => GrpcChannel.ForAddress(Address);
}
