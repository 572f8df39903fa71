using KpiGrpc.Server.Tls;
using Microsoft.Extensions.Configuration;

namespace KpiGrpc.Server.Tests.Tls;

/// <summary>The TLS settings are checked with the URLs they serve.</summary>
public sealed class TlsOptionsValidatorTests
{
    [Theory]
    [InlineData("https://127.0.0.1:5051", "server.pem", "server.key", null)]
    [InlineData("http://127.0.0.1:5050;https://127.0.0.1:5051", "server.pem", "server.key", "ca.pem")]
    [InlineData("http://127.0.0.1:5051", null, null, null)]
    public void Validate_ConsistentSettings_Succeeds(string urls, string? certificate, string? key, string? clientCa)
    {
        // Act
        var result = Validate(urls, new TlsOptions { CertificateFile = certificate, KeyFile = key, ClientCaFile = clientCa });

        // Assert
        Assert.True(result.Succeeded, string.Join("; ", result.Failures ?? []));
    }

    [Theory]
    [InlineData("https://127.0.0.1:5051", null, null, null, "is https but no certificate is given")]
    [InlineData("http://127.0.0.1:5051", "server.pem", "server.key", null, "the server listens only on http (http://127.0.0.1:5051)")]
    [InlineData("https://127.0.0.1:5051", "server.pem", null, null, "--tls-cert and --tls-key")]
    [InlineData("http://127.0.0.1:5051", null, null, "ca.pem", "--tls-client-ca (Kpi:Tls:ClientCaFile) needs a server certificate")]
    public void Validate_InconsistentSettings_FailsNamingTheFix(string urls, string? certificate, string? key, string? clientCa, string expected)
    {
        // Act
        var result = Validate(urls, new TlsOptions { CertificateFile = certificate, KeyFile = key, ClientCaFile = clientCa });

        // Assert
        Assert.True(result.Failed);
        Assert.Contains(result.Failures, failure => failure.Contains(expected, StringComparison.Ordinal));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string urls, TlsOptions options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = urls }).Build();
        return new TlsOptionsValidator(configuration).Validate(null, options);
    }
}
