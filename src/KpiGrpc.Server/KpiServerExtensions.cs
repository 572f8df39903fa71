using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Storage;
using KpiGrpc.Core.Validation;
using KpiGrpc.Server.Access;
using KpiGrpc.Server.Errors;
using KpiGrpc.Server.HealthChecks;
using KpiGrpc.Server.Limits;
using KpiGrpc.Server.Options;
using KpiGrpc.Server.Services;
using KpiGrpc.Server.Tls;
using KpiGrpc.Server.Transport;
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

    /// <summary>The largest request body: one message of the largest size and its 5-byte gRPC frame header.</summary>
    public const int MaxRequestBodySize = MaxReceiveMessageSize + 5;

    /// <summary>Where the server listens unless --urls (or ASPNETCORE_URLS) says otherwise; https with --tls-cert.</summary>
    public const string DefaultUrl = "http://localhost:5051";

    /// <summary>
    /// The host's options: its content root (where appsettings.json is read) is the application's
    /// directory, not the working directory, so a server started from anywhere has its settings.
    /// </summary>
    public static WebApplicationOptions BuilderOptions(string[] args) => new() { Args = args, ContentRootPath = AppContext.BaseDirectory };

    public static WebApplicationBuilder AddKpiServer(this WebApplicationBuilder builder)
    {
        AddCommandLineSwitches(builder.Configuration);
        UseDefaultUrl(builder);
        var services = builder.Services;

        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.SectionName).ValidateOnStart();
        services.AddOptions<WatchOptions>().BindConfiguration(WatchOptions.SectionName).ValidateOnStart();
        services.AddOptions<BenchmarkOptions>().BindConfiguration(BenchmarkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton<IValidateOptions<WatchOptions>, WatchOptionsValidator>();
        services.AddSingleton<IValidateOptions<BenchmarkOptions>, BenchmarkOptionsValidator>();
        AddLimits(services);
        AddTls(services);
        services.AddKpiAccess();

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<RecordValidator>();
        // The container owns the store and disposes it at shutdown, after the server stops.
        services.AddSingleton<IKpiStore>(provider => OpenStore(provider));
        services.AddSingleton<KpiIngestor>();
        services.AddSingleton(provider => BenchmarkCatalogFactory.Create(provider.GetRequiredService<IOptions<BenchmarkOptions>>().Value));
        services.AddSingleton(provider => new KpiQueryEngine(
            provider.GetRequiredService<IKpiStore>().Rollups, provider.GetRequiredService<BenchmarkCatalog>()));
        services.AddSingleton<WatchHub>();
        services.AddSingleton<ServerDrain>();
        services.AddHostedService<StoreStartup>();

        services.AddGrpc(options =>
        {
            options.Interceptors.Add<ExceptionMappingInterceptor>();
            options.Interceptors.Add<RevokedKeyInterceptor>();
            options.MaxReceiveMessageSize = MaxReceiveMessageSize;
        });
        services.AddMalformedRequestGuard();
        services.AddGrpcReflection();
        services.AddKpiHealthChecks();
        return builder;
    }

    public static WebApplication MapKpiServer(this WebApplication app)
    {
        app.UseMiddleware<ClientCertificateGuard>();
        app.UseMiddleware<RequestBodyGuard>();
        app.UseKpiAccess();
        app.UseMiddleware<KeyLimits>();
        RpcRoles.CheckCovers(V1.IngestService.Descriptor, V1.KpiService.Descriptor, V1.ComputeService.Descriptor);
        app.MapGrpcService<IngestService>().RequireRpcRoles();
        app.MapGrpcService<KpiService>().RequireRpcRoles();
        app.MapGrpcService<ComputeService>().RequireRpcRoles();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        return app;
    }

    /// <summary>
    /// <c>--data-dir DIR</c> as a short form of <c>--Kpi:DataDirectory DIR</c>, <c>--keys-file FILE</c>
    /// of <c>--Kpi:Auth:KeysFile FILE</c> and <c>--tls-cert</c>, <c>--tls-key</c>, <c>--tls-client-ca</c> of
    /// <c>Kpi:Tls</c>'s files, read from the same arguments the host was started with
    /// (the switches that take no value, <see cref="StoreMaintenance"/>'s and <c>--allow-anonymous</c>, left out).
    /// </summary>
    private static void AddCommandLineSwitches(ConfigurationManager configuration)
    {
        var args = configuration.Sources.OfType<CommandLineConfigurationSource>().LastOrDefault()?.Args.ToArray() ?? [];
        configuration.AddCommandLine(args.Where(arg => !StoreMaintenance.IsSwitch(arg) && arg != AccessExtensions.AllowAnonymousSwitch).ToArray(), new Dictionary<string, string>
        {
            ["--data-dir"] = $"{StoreOptions.SectionName}:{nameof(StoreOptions.DataDirectory)}",
            ["--tls-cert"] = $"{TlsOptions.SectionName}:{nameof(TlsOptions.CertificateFile)}",
            ["--tls-key"] = $"{TlsOptions.SectionName}:{nameof(TlsOptions.KeyFile)}",
            ["--tls-client-ca"] = $"{TlsOptions.SectionName}:{nameof(TlsOptions.ClientCaFile)}",
            ["--keys-file"] = $"{AuthOptions.SectionName}:{nameof(AuthOptions.KeysFile)}",
        });
        if (args.Contains(AccessExtensions.AllowAnonymousSwitch))
        {
            configuration.AddInMemoryCollection([new($"{AuthOptions.SectionName}:{nameof(AuthOptions.AllowAnonymous)}", "true")]);
        }
    }

    /// <summary>Transport limits (Kestrel's and the request body guard's), the stop delay and the drain's timeout, from <c>Kpi:Limits</c>.</summary>
    private static void AddLimits(IServiceCollection services)
    {
        services.AddOptions<LimitsOptions>().BindConfiguration(LimitsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelLimits>();
        services.AddSingleton<RequestBufferBudget>();
        services.AddSingleton<KeyLimiters>();
        services.AddSingleton<KeyRecordLimits>();
        services.AddSingleton<ComputeMemoryBudget>();
        services.AddHostedService<StopDelay>();
        // The stop delay is spent inside the host's shutdown, before the drain.
        services.AddOptions<HostOptions>().Configure<IOptions<LimitsOptions>>(
            (host, limits) => host.ShutdownTimeout = limits.Value.StopDelay + limits.Value.DrainTimeout);
    }

    /// <summary>PEM certificates for the https URLs, reloaded when their files change (<c>Kpi:Tls</c>).</summary>
    private static void AddTls(IServiceCollection services)
    {
        services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>();
        services.AddSingleton<TlsCertificates>();
        services.AddHostedService(provider => provider.GetRequiredService<TlsCertificates>());
        services.AddSingleton<IConfigureOptions<KestrelServerOptions>, KestrelTls>();
    }

    /// <summary><see cref="DefaultUrl"/>, or its https form when a certificate is given.</summary>
    private static void UseDefaultUrl(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            var tls = !string.IsNullOrEmpty(builder.Configuration[$"{TlsOptions.SectionName}:{nameof(TlsOptions.CertificateFile)}"]);
            builder.WebHost.UseUrls(tls ? DefaultUrl.Replace("http://", "https://", StringComparison.Ordinal) : DefaultUrl);
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
