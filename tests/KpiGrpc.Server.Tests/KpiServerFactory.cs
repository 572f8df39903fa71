using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// The real host, in memory, over its own temporary data directory (deleted on dispose), with a
/// GrpcChannel that goes through the whole gRPC pipeline.
/// </summary>
public class KpiServerFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private GrpcChannel? _channel;

    public KpiServerFactory()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A host with extra configuration, for a fixture deriving from this one.</summary>
    protected KpiServerFactory(IReadOnlyDictionary<string, string?> settings)
        : this(settings, Path.Combine(Path.GetTempPath(), $"kpigrpc-server-tests-{Guid.NewGuid():N}"))
    {
    }

    private KpiServerFactory(IReadOnlyDictionary<string, string?> settings, string dataDirectory)
    {
        _settings = settings;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public GrpcChannel Channel => _channel ??= GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
    {
        HttpHandler = Server.CreateHandler(),
        MaxSendMessageSize = null,
    });

    public V1.IngestService.IngestServiceClient Ingest => new(Channel);

    public V1.KpiService.KpiServiceClient Kpis => new(Channel);

    /// <summary>A host whose data lives in <paramref name="dataDirectory"/> (deleted on dispose), e.g. on a small disk.</summary>
    public static KpiServerFactory On(string dataDirectory) => new(new Dictionary<string, string?>(), dataDirectory);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(
            new Dictionary<string, string?>(_settings) { ["Kpi:DataDirectory"] = DataDirectory }));
    }

    public override async ValueTask DisposeAsync()
    {
        _channel?.Dispose();
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
