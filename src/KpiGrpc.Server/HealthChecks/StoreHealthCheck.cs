using KpiGrpc.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KpiGrpc.Server.HealthChecks;

/// <summary>The store's <see cref="IKpiStore.Health"/> as a health check: unhealthy while it cannot write.</summary>
public sealed class StoreHealthCheck(IKpiStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var health = store.Health;
        return Task.FromResult(health.CanWrite
            ? HealthCheckResult.Healthy("the store takes writes")
            : HealthCheckResult.Unhealthy($"the store cannot write: {health.Problem}"));
    }
}
