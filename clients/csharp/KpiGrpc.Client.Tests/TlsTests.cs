using Grpc.Core;
using KpiGrpc.V1;
using static KpiGrpc.Client.Tests.Infrastructure.TestData;

namespace KpiGrpc.Client.Tests;

/// <summary><see cref="KpiClient"/> over TLS with a private CA and a client certificate, against a real mutual-TLS server.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("kpi-csharp-tls-").FullName;
    private readonly TlsTestFiles _tls = new();
    private KpiServerProcess? _server;

    private Uri Address => _server!.Address;

    [Fact]
    public async Task RecordAndQuery_CaAndClientCertificate_Succeed()
    {
        // Arrange
        var options = FastOptions(Address);
        options.CertificateAuthority = _tls.Authority.Certificate;
        options.ClientCertificate = _tls.ClientCertificate;
        using var tlsClient = new KpiClient(options);

        // Act
        var ack = await tlsClient.RecordCallsAsync([Call("tls-1", "secure", "op-a", CallOutcome.Answered, 30)]);
        var groups = await tlsClient.QueryKpisAsync(QueryOf(Day, "secure"));

        // Assert
        Assert.Equal(1, ack.Accepted);
        Assert.Equal(1, Assert.Single(groups).Counts.Dialed);
    }

    [Fact]
    public async Task Query_NoClientCertificate_Unauthenticated()
    {
        // Arrange
        var options = FastOptions(Address);
        options.CertificateAuthority = _tls.Authority.Certificate;
        using var client = new KpiClient(options);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QueryKpisAsync(QueryOf(Day)));

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task Query_CaThatDidNotIssueTheServerCertificate_FailsTheHandshake()
    {
        // Arrange
        var options = FastOptions(Address);
        options.CertificateAuthority = _tls.OtherAuthority.Certificate;
        options.ClientCertificate = _tls.ClientCertificate;
        using var client = new KpiClient(options);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => client.QueryKpisAsync(QueryOf(Day)));

        // Assert
        Assert.IsType<System.Security.Authentication.AuthenticationException>(error.Status.DebugException?.InnerException);
    }

    [Fact]
    public void Constructor_CertificateAuthorityWithHttpAddress_ThrowsNamingIt()
    {
        // Arrange
        var options = FastOptions(new Uri("http://127.0.0.1:5051"));
        options.CertificateAuthority = _tls.Authority.Certificate;

        // Act
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => new KpiClient(options));

        // Assert
        Assert.Contains("need an https:// Address", error.Message);
    }

    public async Task InitializeAsync() => _server = await KpiServerProcess.StartAsync(_data, tls: _tls, mutualTls: true);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _tls.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
