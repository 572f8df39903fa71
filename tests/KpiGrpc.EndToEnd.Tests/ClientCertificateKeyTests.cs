using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using KpiGrpc.V1;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>
/// Mutual TLS with <c>Kpi:Auth:ClientCertificateKeys</c>: a client certificate whose CN names a key of the
/// keys file is that key, without a bearer token, against a real server process.
/// </summary>
public sealed class ClientCertificateKeyTests : IDisposable
{
    private static readonly Timestamp NineAm = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Directory.CreateTempSubdirectory("kpi-cert-keys-").FullName;
    private readonly TlsTestFiles _tls = new();

    private string KeysFile => Path.Combine(_directory, "keys.json");

    [Fact]
    public async Task RecordCalls_CertificateNamingAScopedIngestKey_StoredWithItsScopeAndReadRefused()
    {
        // Arrange: the client certificate's CN is dialer-1, an ingest key of campaign camp-a
        await Keys("add", "--name", "dialer-1", "--roles", "ingest", "--campaigns", "camp-a");
        await using var server = await StartAsync(certificateKeys: true);
        using var channel = _tls.Channel(server.Address, _tls.ClientCertificate);

        // Act
        var ack = (await new IngestService.IngestServiceClient(channel).RecordCallsAsync(new RecordCallsRequest { Calls = { ACall("camp-a"), ACall("camp-b") } })).Ack;
        var read = await Assert.ThrowsAsync<RpcException>(() => new KpiService.KpiServiceClient(channel).QueryKpisAsync(new QueryKpisRequest
        {
            From = NineAm,
            To = Timestamp.FromDateTimeOffset(NineAm.ToDateTimeOffset().AddDays(1)),
        }).ResponseAsync);

        // Assert
        Assert.Equal(1, ack.Accepted);
        Assert.Equal((1, "campaign_id"), (Assert.Single(ack.Rejections).Index, ack.Rejections[0].Field));
        Assert.Equal(StatusCode.PermissionDenied, read.StatusCode);
        Assert.Equal("MISSING_ROLE", read.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.Contains("key dialer-1 lacks the read or admin role", server.Output);
    }

    [Fact]
    public async Task RecordCalls_CertificateKeysOff_UnauthenticatedWithoutBearer()
    {
        // Arrange
        await Keys("add", "--name", "dialer-1", "--roles", "ingest");
        await using var server = await StartAsync(certificateKeys: false);
        using var channel = _tls.Channel(server.Address, _tls.ClientCertificate);

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() => new IngestService.IngestServiceClient(channel).RecordCallsAsync(new RecordCallsRequest { Calls = { ACall("camp-a") } }).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal("MISSING_CREDENTIAL", refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
    }

    [Fact]
    public async Task RecordCalls_CertificateNamingNoKey_UnauthenticatedUnknownKey()
    {
        // Arrange: a certificate of the trusted CA whose CN is no key's name
        await Keys("add", "--name", "dialer-1", "--roles", "ingest");
        await using var server = await StartAsync(certificateKeys: true);
        using var stranger = _tls.Authority.IssueClientCertificate("dialer-9");
        using var channel = _tls.Channel(server.Address, stranger);

        // Act
        var refused = await Assert.ThrowsAsync<RpcException>(() => new IngestService.IngestServiceClient(channel).RecordCallsAsync(new RecordCallsRequest { Calls = { ACall("camp-a") } }).ResponseAsync);

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal("UNKNOWN_KEY", refused.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
    }

    public void Dispose()
    {
        _tls.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private Task<KpiServerProcess> StartAsync(bool certificateKeys) => KpiServerProcess.StartAsync(
        Path.Combine(_directory, "data"),
        settings: ["--keys-file", KeysFile, "--Kpi:Auth:ClientCertificateKeys", certificateKeys ? "true" : "false"],
        tls: _tls,
        mutualTls: true);

    private async Task Keys(params string[] args)
    {
        var result = await KpiCli.RunAsync(["keys", .. args, "--keys-file", KeysFile]);
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static CallRecord ACall(string campaign) => new()
    {
        CallId = $"{campaign}-{Guid.NewGuid():N}",
        CampaignId = campaign,
        OperatorId = "op-1",
        StartedAt = NineAm,
        Outcome = CallOutcome.Answered,
        TalkSeconds = 30,
    };
}
