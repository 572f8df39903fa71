using System.Runtime.CompilerServices;
using KpiGrpc.Core.Storage;
using KpiGrpc.Server.Mapping;
using KpiGrpc.Server.Watching;

namespace KpiGrpc.Server;

/// <summary>
/// Opens the store (and loads its rollups) while the host starts, so that a bad data directory
/// fails the start and the first request does not pay for it. The same for the KPI fields of
/// kpi.v1.Kpis: a catalogue that disagrees with the proto fails the start, not the first query.
/// </summary>
public sealed class StoreStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<IKpiStore>();
        services.GetRequiredService<WatchHub>();
        RuntimeHelpers.RunClassConstructor(typeof(ProtoKpiFields).TypeHandle);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
