using KpiGrpc.Server.Services;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KpiGrpc.Server.HealthChecks;

/// <summary>Unhealthy from SIGTERM on: the server takes no new batch or computation, so clients belong elsewhere.</summary>
public sealed class DrainHealthCheck(ServerDrain drain) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(drain.Stopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("the server is shutting down")
            : HealthCheckResult.Healthy("the server is up"));
}
