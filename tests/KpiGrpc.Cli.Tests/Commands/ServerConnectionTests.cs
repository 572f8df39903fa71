using KpiGrpc.Cli.Commands;

namespace KpiGrpc.Cli.Tests.Commands;

/// <summary>The TLS options of a client command are checked before anything is sent, each mistake named.</summary>
public sealed class ServerConnectionTests : IDisposable
{
    private readonly string _notPem = Path.GetTempFileName();

    [Theory]
    [InlineData("http://127.0.0.1:5051", "ca.pem", null, null, "--ca, --client-cert and --client-key need an https:// --server, not 'http://127.0.0.1:5051'")]
    [InlineData("https://127.0.0.1:5051", null, "client.pem", null, "--client-cert and --client-key go together")]
    [InlineData("https://127.0.0.1:5051", null, null, "client.key", "--client-cert and --client-key go together")]
    [InlineData("https://127.0.0.1:5051", "/no/such/ca.pem", null, null, "--ca /no/such/ca.pem: ")]
    public void OpenChannel_InconsistentTlsOptions_ThrowsNamingTheOption(string url, string? ca, string? certificate, string? key, string expected)
    {
        // Arrange
        var connection = new ServerConnection(url, ca, certificate, key);

        // Act
        var error = Assert.Throws<CliUsageException>(() => connection.OpenChannel());

        // Assert
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void OpenChannel_CaFileWithoutCertificate_ThrowsSayingSo()
    {
        // Arrange
        File.WriteAllText(_notPem, "not a certificate");
        var connection = new ServerConnection("https://127.0.0.1:5051", _notPem);

        // Act
        var error = Assert.Throws<CliUsageException>(() => connection.OpenChannel());

        // Assert
        Assert.Equal($"--ca {_notPem}: no PEM CERTIFICATE block in it", error.Message);
    }

    [Fact]
    public void OpenChannel_HttpsWithoutTlsOptions_OpensWithTheSystemsCas()
    {
        // Act
        using var channel = new ServerConnection("https://127.0.0.1:5051").OpenChannel();

        // Assert
        Assert.Equal("127.0.0.1:5051", channel.Target);
    }

    public void Dispose() => File.Delete(_notPem);
}
