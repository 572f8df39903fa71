using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Health.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>The server over TLS and mutual TLS, from PEM files made by the test, with kpi and a gRPC channel as clients.</summary>
public sealed class TlsTests : IDisposable
{
    private static readonly TimeSpan ReloadWait = TimeSpan.FromSeconds(15);
    private readonly string _data = Directory.CreateTempSubdirectory("kpi-tls-data-").FullName;
    private readonly TlsTestFiles _tls = new();

    [Fact]
    public async Task ImportThenReport_HttpsWithCa_Succeeds()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, tls: _tls);
        var address = server.Address.ToString();

        // Act
        var import = await KpiCli.RunAsync("import", "--server", address, "--ca", _tls.CaFile, "--calls", Path.Combine(RepoPaths.Samples, "calls.csv"));
        var report = await KpiCli.RunAsync(
            "report", "--server", address, "--ca", _tls.CaFile, "--format", "csv", "--group-by", "campaign",
            "--from", "2026-03-28", "--to", "2026-03-30", "--tz", "Europe/Paris");

        // Assert
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains("calls.csv: accepted 96, duplicates 0, replaced 1, stale 0, rejected 0", import.Stdout);
        Assert.True(report.ExitCode == 0, report.ToString());
        var dialed = report.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Sum(line => int.Parse(line.Split(',')[1]));
        Assert.Equal(SampleTotals.WholeFile()["dialed"], dialed);
    }

    [Fact]
    public async Task Import_CaThatDidNotIssueTheServerCertificate_RefusedAtOnceNamingTls()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, tls: _tls);

        // Act
        var import = await KpiCli.RunAsync("import", "--server", server.Address.ToString(), "--ca", _tls.OtherCaFile, "--calls", Path.Combine(RepoPaths.Samples, "calls.csv"));

        // Assert: refused, not retried as if the server were down.
        Assert.True(import.ExitCode == 3, import.ToString());
        Assert.Contains($"TLS handshake with {server.Address} failed: The remote certificate is invalid", import.Stderr);
        Assert.Contains("--ca", import.Stderr);
        Assert.DoesNotContain("retry", import.Stderr);
    }

    [Fact]
    public async Task Import_MutualTlsWithoutClientCertificate_UnauthenticatedAtOnce()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, tls: _tls, mutualTls: true);

        // Act
        var import = await KpiCli.RunAsync("import", "--server", server.Address.ToString(), "--ca", _tls.CaFile, "--calls", Path.Combine(RepoPaths.Samples, "calls.csv"));

        // Assert: refused, not retried as if the server were down.
        Assert.True(import.ExitCode == 4, import.ToString());
        Assert.Contains("UNAUTHENTICATED: This server requires a client certificate", import.Stderr);
        Assert.DoesNotContain("retry", import.Stderr);
    }

    [Fact]
    public async Task Report_MutualTlsClientCertificateOfAnotherCa_Unauthenticated()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, tls: _tls, mutualTls: true);

        // Act
        var report = await KpiCli.RunAsync(
            "report", "--server", server.Address.ToString(), "--ca", _tls.CaFile, "--format", "csv",
            "--client-cert", _tls.ForeignClientCertificateFile, "--client-key", _tls.ForeignClientKeyFile);

        // Assert
        Assert.True(report.ExitCode == 4, report.ToString());
        Assert.Contains("UNAUTHENTICATED: The client certificate CN=intruder is not issued by a CA this server trusts", report.Stderr);
    }

    [Fact]
    public async Task Report_MutualTlsClientCertificateOfTheCa_Succeeds()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, tls: _tls, mutualTls: true);

        // Act
        var report = await KpiCli.RunAsync(
            "report", "--server", server.Address.ToString(), "--ca", _tls.CaFile, "--format", "csv",
            "--client-cert", _tls.ClientCertificateFile, "--client-key", _tls.ClientKeyFile);

        // Assert
        Assert.True(report.ExitCode == 0, report.ToString());
    }

    [Fact]
    public async Task Health_MutualTlsChannelWithForeignCertificate_Unauthenticated()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, tls: _tls, mutualTls: true);
        using var channel = _tls.Channel(server.Address, _tls.ForeignClientCertificate);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(() => new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest()).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var details = error.Trailers.GetValueBytes("grpc-status-details-bin") ?? [];
        Assert.Contains("CLIENT_CERTIFICATE_REFUSED", System.Text.Encoding.UTF8.GetString(details)); // the ErrorInfo's reason
    }

    [Fact]
    public async Task ReplacedCertificateFiles_NewConnection_GetsTheNewCertificate()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, settings: ["--Kpi:Tls:ReloadInterval", "00:00:00.200"], tls: _tls);
        var first = await ServerCertificateAsync(server.Address);

        // Act
        var renewed = _tls.ReplaceServerCertificate("kpi-renewed");
        var seen = await WaitForCertificateAsync(server.Address, renewed.Thumbprint);

        // Assert
        Assert.Equal("CN=localhost", first.Subject);
        Assert.True(seen.Thumbprint == renewed.Thumbprint, $"still {seen.Subject} after {ReloadWait}:\n{server.Output}");
        Assert.Equal("CN=kpi-renewed", seen.Subject);
    }

    [Fact]
    public async Task ReplacedWithBadKey_NewConnection_KeepsThePreviousCertificateAndLogsWhy()
    {
        // Arrange
        await using var server = await KpiServerProcess.StartAsync(_data, settings: ["--Kpi:Tls:ReloadInterval", "00:00:00.200"], tls: _tls);
        var before = await ServerCertificateAsync(server.Address);

        // Act: the key of another certificate, then not PEM at all.
        File.Copy(_tls.ClientKeyFile, _tls.ServerKeyFile, overwrite: true);
        await WaitForOutputAsync(server, "cannot be used, the previous certificate stays");
        await File.WriteAllTextAsync(_tls.ServerKeyFile, "not a key");
        var after = await ServerCertificateAsync(server.Address);

        // Assert
        Assert.Equal(before.Thumbprint, after.Thumbprint);
        Assert.Contains(_tls.ServerKeyFile, server.Output);
    }

    public void Dispose()
    {
        _tls.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    /// <summary>The certificate the server shows a new connection (a new channel, so a new TLS handshake).</summary>
    private async Task<X509Certificate2> ServerCertificateAsync(Uri address)
    {
        X509Certificate2? seen = null;
        using var channel = _tls.Channel(address, seen: certificate => seen = certificate);
        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        return seen ?? throw new InvalidOperationException("no certificate seen");
    }

    private async Task<X509Certificate2> WaitForCertificateAsync(Uri address, string thumbprint)
    {
        var deadline = DateTime.UtcNow + ReloadWait;
        while (true)
        {
            var seen = await ServerCertificateAsync(address);
            if (seen.Thumbprint == thumbprint || DateTime.UtcNow > deadline)
            {
                return seen;
            }

            await Task.Delay(100);
        }
    }

    private static async Task WaitForOutputAsync(KpiServerProcess server, string text)
    {
        var deadline = DateTime.UtcNow + ReloadWait;
        while (!server.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no '{text}' in the server's output:\n{server.Output}");
            await Task.Delay(100);
        }
    }
}
