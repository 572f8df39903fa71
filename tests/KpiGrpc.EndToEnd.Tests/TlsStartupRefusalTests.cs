namespace KpiGrpc.EndToEnd.Tests;

/// <summary>A server whose TLS settings or files are wrong exits with 1 at start and names what to fix.</summary>
public sealed class TlsStartupRefusalTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("kpi-tls-refusal-").FullName;
    private readonly TlsTestFiles _tls = new();

    private string HttpsUrl { get; } = KpiServerProcess.AddressOf(KpiServerProcess.FreeLoopbackPort(), "https").ToString();

    [Fact]
    public async Task Start_HttpsUrlWithoutCertificate_ExitsWithOneNamingTheSwitches()
    {
        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(_data, ["--urls", HttpsUrl]);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains($"{HttpsUrl} is https but no certificate is given: add --tls-cert FILE --tls-key FILE", output);
    }

    [Fact]
    public async Task Start_CertificateWithOnlyHttpUrls_ExitsWithOneSayingSo()
    {
        // Act: the test server's own --urls is http.
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(_data, _tls.ServerArguments(mutual: false));

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("--tls-cert is given but the server listens only on http", output);
    }

    [Fact]
    public async Task Start_MissingCertificateFile_ExitsWithOneNamingIt()
    {
        // Arrange
        var missing = Path.Combine(_data, "no-such.pem");

        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(
            _data, ["--urls", HttpsUrl, "--tls-cert", missing, "--tls-key", _tls.ServerKeyFile]);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains($"TLS certificate {missing} with key {_tls.ServerKeyFile} cannot be read", output);
    }

    [Fact]
    public async Task Start_KeyOfAnotherCertificate_ExitsWithOneNamingBothFiles()
    {
        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(
            _data, ["--urls", HttpsUrl, "--tls-cert", _tls.ServerCertificateFile, "--tls-key", _tls.ClientKeyFile]);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains($"TLS certificate {_tls.ServerCertificateFile} with key {_tls.ClientKeyFile} is not usable", output);
    }

    [Fact]
    public async Task Start_CertificateWithoutKey_ExitsWithOneSayingBothAreNeeded()
    {
        // Act
        var (exitCode, output) = await KpiServerProcess.RunUntilExitAsync(_data, ["--urls", HttpsUrl, "--tls-cert", _tls.ServerCertificateFile]);

        // Assert
        Assert.True(exitCode == 1, $"exit code {exitCode}:\n{output}");
        Assert.Contains("--tls-cert and --tls-key (Kpi:Tls:CertificateFile and KeyFile) go together", output);
    }

    public void Dispose()
    {
        _tls.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
