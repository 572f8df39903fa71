using KpiGrpc.Core.Storage;
using KpiGrpc.Server.Watching;

namespace KpiGrpc.Server;

/// <summary>
/// Opens the store (and loads its rollups) while the host starts, so that a bad data directory
/// fails the start and the first request does not pay for it.
/// </summary>
public sealed class StoreStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IKpiStore>();
        services.GetRequiredService<WatchHub>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
