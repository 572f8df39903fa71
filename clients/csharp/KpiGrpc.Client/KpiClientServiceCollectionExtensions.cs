using KpiGrpc.Client;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the KpiGrpc client in a service collection.</summary>
public static class KpiClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds a singleton <see cref="KpiClient"/> and <see cref="KpiCallRecorder"/> configured by
    /// <paramref name="configure"/>; options are validated when the host starts. The container
    /// disposes the recorder (flushing its buffer) before the client.
    /// </summary>
    public static IServiceCollection AddKpiClient(this IServiceCollection services, Action<KpiClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<KpiClientOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KpiClientOptions>, KpiClientOptionsValidator>());
        services.TryAddSingleton(provider => new KpiClient(provider.GetRequiredService<IOptions<KpiClientOptions>>().Value));
        services.TryAddSingleton(provider => provider.GetRequiredService<KpiClient>().CreateRecorder());
        return services;
    }
}
