using KpiGrpc.Server.Options;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Services;

/// <summary>
/// Keeps the port open for <see cref="LimitsOptions.StopDelay"/> after SIGTERM, before Kestrel
/// stops listening: health already answers NOT_SERVING and new batches are refused with a retry
/// delay, so a load balancer that probes health routes elsewhere before connections are refused.
/// </summary>
public sealed class StopDelay(IOptions<LimitsOptions> limits, TimeProvider time) : IHostedLifecycleService
{
    // Runs after ApplicationStopping has fired and before any hosted service (Kestrel's) stops.
    public Task StoppingAsync(CancellationToken cancellationToken) =>
        limits.Value.StopDelay > TimeSpan.Zero ? Task.Delay(limits.Value.StopDelay, time, cancellationToken) : Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
