using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace KpiGrpc.Server.HealthChecks;

/// <summary>
/// What grpc.health.v1 answers: "" (the whole server) and kpi.v1.IngestService are NOT_SERVING
/// while the store cannot write; kpi.v1.KpiService and kpi.v1.ComputeService answer from memory
/// and stay SERVING. Check runs the checks at each call; Watch streams get a change within
/// <see cref="PublishPeriod"/>.
/// </summary>
public static class KpiHealthChecks
{
    /// <summary>How often Watch streams are re-evaluated (the checks only read a flag).</summary>
    public static readonly TimeSpan PublishPeriod = TimeSpan.FromSeconds(5);

    private const string HostCheck = "host";
    private const string StoreCheck = "store";

    public static IServiceCollection AddKpiHealthChecks(this IServiceCollection services)
    {
        services.AddGrpcHealthChecks(options =>
        {
            options.Services.Map(V1.IngestService.Descriptor.FullName, _ => true);
            options.Services.Map(V1.KpiService.Descriptor.FullName, check => check.Name == HostCheck);
            options.Services.Map(V1.ComputeService.Descriptor.FullName, check => check.Name == HostCheck);
        })
            // The store opens during start-up (StoreStartup), so a host that answers is up.
            .AddCheck(HostCheck, () => HealthCheckResult.Healthy())
            .AddCheck<StoreHealthCheck>(StoreCheck);
        services.Configure<HealthCheckPublisherOptions>(options => options.Period = PublishPeriod);
        return services;
    }
}
