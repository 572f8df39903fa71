using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KpiGrpc.Server.HealthChecks;

/// <summary>
/// What grpc.health.v1 answers: "" (the whole server) and kpi.v1.IngestService are NOT_SERVING
/// while the store cannot write; kpi.v1.KpiService and kpi.v1.ComputeService answer from memory
/// and stay SERVING. From SIGTERM on, every one of them is NOT_SERVING, so that a load balancer
/// stops routing here before the port closes (<see cref="Options.LimitsOptions.StopDelay"/>).
/// Check runs the checks at each call; Watch streams get a change within <see cref="PublishPeriod"/>
/// and end at SIGTERM with NOT_SERVING.
/// </summary>
public static class KpiHealthChecks
{
    /// <summary>How often Watch streams are re-evaluated (the checks only read a flag).</summary>
    public static readonly TimeSpan PublishPeriod = TimeSpan.FromSeconds(5);

    private const string DrainCheck = "drain";
    private const string StoreCheck = "store";

    public static IServiceCollection AddKpiHealthChecks(this IServiceCollection services)
    {
        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map(V1.IngestService.Descriptor.FullName, _ => true);
            options.Services.Map(V1.KpiService.Descriptor.FullName, check => check.Name == DrainCheck);
            options.Services.Map(V1.ComputeService.Descriptor.FullName, check => check.Name == DrainCheck);
        })
            // The store opens during start-up (StoreStartup), so a host that answers is up until it stops.
            .AddCheck<DrainHealthCheck>(DrainCheck)
            .AddCheck<StoreHealthCheck>(StoreCheck);
        services.Configure<HealthCheckPublisherOptions>(options => options.Period = PublishPeriod);
        return services;
    }
}
