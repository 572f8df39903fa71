using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Storage;
using KpiGrpc.Core.Validation;
using KpiGrpc.Server.Errors;
using KpiGrpc.Server.HealthChecks;
using KpiGrpc.Server.Options;
using KpiGrpc.Server.Services;
using KpiGrpc.Server.Watching;
using KpiGrpc.Storage.Sqlite;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server;

/// <summary>Everything the host registers and maps, so that Program.cs stays four lines.</summary>
public static class KpiServerExtensions
{
    /// <summary>Largest request: a full batch (<see cref="KpiIngestor.MaxBatchSize"/> records) with long ids still fits.</summary>
    public const int MaxReceiveMessageSize = 64 * 1024 * 1024;

    /// <summary>Where the server listens unless --urls (or ASPNETCORE_URLS) says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:5051";

    public static WebApplicationBuilder AddKpiServer(this WebApplicationBuilder builder)
    {
        var args = AddCommandLineSwitches(builder.Configuration);
        StoreMaintenance.RunIfRequested(builder.Configuration, args);
        UseGrpcEndpoints(builder);
        var services = builder.Services;

        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName).ValidateOnStart();
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.SectionName).ValidateOnStart();
        services.AddOptions<BenchmarkOptions>().BindConfiguration(BenchmarkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton<IValidateOptions<WatchOptions>, WatchOptionsValidator>();
        services.AddSingleton<IValidateOptions<BenchmarkOptions>, BenchmarkOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RecordValidator>();
        // The container owns the store and disposes it at shutdown, after the server stops.
        services.AddSingleton<IKpiStore>(provider => OpenStore(provider));
        services.AddSingleton<KpiIngestor>();
        services.AddSingleton(provider => BenchmarkCatalogFactory.Create(provider.GetRequiredService<IOptions<BenchmarkOptions>>().Value));
        services.AddSingleton(provider => new KpiQueryEngine(
            provider.GetRequiredService<IKpiStore>().Rollups, provider.GetRequiredService<BenchmarkCatalog>()));
        services.AddSingleton<WatchHub>();
        services.AddHostedService<StoreStartup>();

        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ExceptionMappingInterceptor>();
            options.MaxReceiveMessageSize = MaxReceiveMessageSize;
        });
        services.AddGrpcReflection();
        services.AddKpiHealthChecks();
        return builder;
    }

    public static WebApplication MapKpiServer(this WebApplication app)
    {
        app.MapGrpcService<IngestService>();
        app.MapGrpcService<KpiService>();
        app.MapGrpcService<ComputeService>();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }

    /// <summary>
    /// <c>--data-dir DIR</c> as a short form of <c>--Kpi:DataDirectory DIR</c>, read from the same
    /// arguments the host was started with; those arguments, for <see cref="StoreMaintenance"/>'s
    /// switches, which take no value (so they are left out of the configuration).
    /// </summary>
    private static IReadOnlyList<string> AddCommandLineSwitches(ConfigurationManager configuration)
    {
        var args = configuration.Sources.OfType<CommandLineConfigurationSource>().LastOrDefault()?.Args.ToArray() ?? [];
        configuration.AddCommandLine(args.Where(arg => !StoreMaintenance.IsSwitch(arg)).ToArray(), new Dictionary<string, string>
        {
            ["--data-dir"] = $"{StoreOptions.SectionName}:{nameof(StoreOptions.DataDirectory)}",
        });
        return args;
    }

    /// <summary>
    /// Cleartext HTTP/2 on every endpoint, set in code: appsettings.json is read from the working
    /// directory, and a server started from elsewhere must still speak gRPC.
    /// </summary>
    private static void UseGrpcEndpoints(WebApplicationBuilder builder)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = HttpProtocols.Http2);
            // Large windows let a bulk import keep several 5,000-record batches on the wire.
            kestrel.Limits.Http2.InitialConnectionWindowSize = 16 * 1024 * 1024;
            kestrel.Limits.Http2.InitialStreamWindowSize = 8 * 1024 * 1024;
        });
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }
    }

    private static SqliteKpiStore OpenStore(IServiceProvider provider)
    {
        var options = provider.GetRequiredService<IOptions<StoreOptions>>().Value;
        var store = SqliteKpiStore.Open(new SqliteStoreOptions { DataDirectory = options.DataDirectory });
        KpiServerLog.StoreOpened(provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(KpiServerExtensions)), Path.GetFullPath(options.DataDirectory));
        return store;
    }
}
