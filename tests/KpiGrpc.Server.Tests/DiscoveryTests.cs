using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace KpiGrpc.Server.Tests;

public sealed class DiscoveryTests(KpiServerFactory server) : IClassFixture<KpiServerFactory>
{
    [Fact]
    public async Task ServerReflection_ListServices_NamesBothKpiServicesAndHealth()
    {
        // Arrange
        var client = new ServerReflection.ServerReflectionClient(server.Channel);
        using var call = client.ServerReflectionInfo();

        // Act
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        // Assert
        Assert.Contains("kpi.v1.IngestService", services);
        Assert.Contains("kpi.v1.KpiService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task HealthCheck_Started_Serving()
    {
        // Arrange
        var client = new Health.HealthClient(server.Channel);

        // Act
        var response = await client.CheckAsync(new HealthCheckRequest());

        // Assert
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}
