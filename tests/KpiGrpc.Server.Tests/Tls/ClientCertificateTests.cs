using KpiGrpc.Server.Tls;
using KpiGrpc.Testing;
using Microsoft.AspNetCore.Http;

namespace KpiGrpc.Server.Tests.Tls;

/// <summary>Which client certificates mutual TLS accepts, and the identity a call gets from one.</summary>
public sealed class ClientCertificateTests : IDisposable
{
    private readonly TestCertificateAuthority _authority = TestCertificateAuthority.Create("Clients CA");
    private readonly TestCertificateAuthority _other = TestCertificateAuthority.Create("Other CA");

    [Fact]
    public void Refusal_CertificateOfTheCa_IsNull()
    {
        // Arrange
        using var certificate = _authority.IssueClientCertificate("dialer-1");

        // Act
        var refusal = ClientCertificateTrust.Refusal(certificate, [_authority.Certificate]);

        // Assert
        Assert.Null(refusal);
    }

    [Fact]
    public void Refusal_CertificateOfAnotherCa_SaysTheChainIsUntrusted()
    {
        // Arrange
        using var certificate = _other.IssueClientCertificate("intruder");

        // Act
        var refusal = ClientCertificateTrust.Refusal(certificate, [_authority.Certificate]);

        // Assert
        Assert.NotNull(refusal);
        Assert.Contains("PartialChain", refusal);
    }

    [Fact]
    public void Refusal_ServerCertificateOfTheCa_RefusedForNotBeingForClients()
    {
        // Arrange: issued by the right CA, but for server authentication only.
        using var certificate = _authority.IssueServerCertificate();

        // Act
        var refusal = ClientCertificateTrust.Refusal(certificate, [_authority.Certificate]);

        // Assert
        Assert.NotNull(refusal);
        Assert.Contains("NotValidForUsage", refusal);
    }

    [Fact]
    public void CommonName_ConnectionWithClientCertificate_IsItsCn()
    {
        // Arrange
        using var certificate = _authority.IssueClientCertificate("crm-acme");
        var context = new DefaultHttpContext();
        context.Connection.ClientCertificate = certificate;

        // Act
        var name = ClientCertificateIdentity.CommonName(context);

        // Assert
        Assert.Equal("crm-acme", name);
    }

    [Fact]
    public void CommonName_ConnectionWithoutClientCertificate_IsNull()
    {
        // Act
        var name = ClientCertificateIdentity.CommonName(new DefaultHttpContext());

        // Assert
        Assert.Null(name);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _other.Dispose();
    }
}
