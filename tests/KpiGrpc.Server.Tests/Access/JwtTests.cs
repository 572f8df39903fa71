using System.Security.Cryptography;
using Grpc.Core;
using KpiGrpc.Server.Access;
using Microsoft.Extensions.Configuration;
using static KpiGrpc.Server.Tests.Access.AccessAsserts;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>
/// JWT bearer tokens beside API keys, through a real gRPC channel: a valid token's roles and campaigns
/// act as a key's would; an expired, foreign or forged token is UNAUTHENTICATED (INVALID_TOKEN, naming
/// the check that failed, never the token); a token without the role is PERMISSION_DENIED.
/// </summary>
public sealed class JwtTests(JwtKpiServer server) : IClassFixture<JwtKpiServer>
{
    private V1.IngestService.IngestServiceClient Ingest => new(server.Channel);

    private V1.KpiService.KpiServiceClient Kpis => new(server.Channel);

    [Fact]
    public async Task RecordCalls_IngestRoleToken_StoredAndReadWithReadRoleToken()
    {
        // Arrange
        var campaign = Unique("jwt");
        var dialer = JwtKpiServer.Bearer(server.Token("dialer@sso", ["ingest"]));
        var wallboard = JwtKpiServer.Bearer(server.Token("wallboard@sso", ["read"]));

        // Act
        var ack = (await Ingest.RecordCallsAsync(Calls(Call($"{campaign}-1", campaign, "op-1", V1.CallOutcome.Answered, Day.AddHours(9))), dialer)).Ack;
        var groups = (await Kpis.QueryKpisAsync(DayOf(campaign), wallboard)).Groups;

        // Assert
        Assert.Equal(1, ack.Accepted);
        Assert.Equal(1, Assert.Single(groups).Counts.Dialed);
    }

    [Fact]
    public async Task QueryKpis_ApiKeyBesideJwt_StillAccepted()
    {
        var response = await Kpis.QueryKpisAsync(DayOf(Unique("none")), server.AsAdminKey());

        Assert.Empty(response.Groups);
    }

    [Fact]
    public async Task QueryKpis_NoCredential_UnauthenticatedMissingCredential()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Kpis.QueryKpisAsync(DayOf("A")).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(AccessErrors.MissingCredential, ErrorInfo(error).Reason);
    }

    [Fact]
    public async Task QueryKpis_ExpiredToken_UnauthenticatedInvalidTokenExpired()
    {
        var token = server.Token("late@sso", ["read"], expires: DateTime.UtcNow.AddHours(-1));

        await AssertRefusedAsync(token, "expired");
    }

    [Fact]
    public async Task QueryKpis_ExpiredToken_LoggedWithSubjectNeverTheToken()
    {
        var subject = Unique("late");
        var token = server.Token(subject, ["read"], expires: DateTime.UtcNow.AddHours(-1));

        await AssertRefusedAsync(token, "expired");

        Assert.Contains(server.Logs.Lines, line => line.Contains("INVALID_TOKEN", StringComparison.Ordinal) && line.Contains($"subject {subject}", StringComparison.Ordinal));
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(token.Split('.')[2], StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryKpis_WrongAudience_UnauthenticatedInvalidTokenAudience()
    {
        var token = server.Token("elsewhere@sso", ["read"], audience: "another-service");

        await AssertRefusedAsync(token, "audience");
    }

    [Fact]
    public async Task QueryKpis_WrongIssuer_UnauthenticatedInvalidTokenIssuer()
    {
        var token = server.Token("stranger@sso", ["read"], issuer: "https://other-sso.example");

        await AssertRefusedAsync(token, "issuer");
    }

    [Fact]
    public async Task QueryKpis_SignedByAnotherKeyWithTheSameKeyId_UnauthenticatedInvalidTokenSignature()
    {
        using var forger = RSA.Create(2048);
        var token = server.Token("forger@sso", ["admin"], signedBy: forger);

        await AssertRefusedAsync(token, "signature");
    }

    [Fact]
    public async Task QueryKpis_TokenWithThreePartsButNotAJwt_UnauthenticatedInvalidToken()
    {
        await AssertRefusedAsync("not.a.jwt", "token");
    }

    [Fact]
    public async Task RecordCalls_ReadRoleToken_PermissionDeniedMissingRole()
    {
        var wallboard = JwtKpiServer.Bearer(server.Token("wallboard@sso", ["read", "some-sso-group"]));

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Ingest.RecordCallsAsync(Calls(Call(Unique("c"), "A", "op-1", V1.CallOutcome.Answered, Day.AddHours(9))), wallboard).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        var info = ErrorInfo(error);
        Assert.Equal((AccessErrors.MissingRole, "ingest"), (info.Reason, info.Metadata["role"]));
    }

    [Fact]
    public async Task QueryKpis_TokenWithoutRoles_PermissionDeniedMissingRole()
    {
        var nobody = JwtKpiServer.Bearer(server.Token("nobody@sso", []));

        var error = await Assert.ThrowsAsync<RpcException>(() => Kpis.QueryKpisAsync(DayOf("A"), nobody).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal(AccessErrors.MissingRole, ErrorInfo(error).Reason);
    }

    [Fact]
    public async Task QueryKpis_ScopedToken_SeesOnlyItsCampaign()
    {
        // Arrange: a call in each campaign.
        var (mine, theirs) = (Unique("mine"), Unique("theirs"));
        await Ingest.RecordCallsAsync(Calls(
            Call($"{mine}-1", mine, "op-1", V1.CallOutcome.Answered, Day.AddHours(9)),
            Call($"{theirs}-1", theirs, "op-1", V1.CallOutcome.Answered, Day.AddHours(9))), server.AsAdminKey());
        var crm = JwtKpiServer.Bearer(server.Token("crm@sso", ["read"], campaigns: [mine]));
        var everything = new V1.QueryKpisRequest { From = At(Day), To = At(Day.AddDays(1)), GroupBy = { V1.GroupDimension.Campaign } };

        // Act
        var groups = (await Kpis.QueryKpisAsync(everything, crm)).Groups;
        var foreign = await Assert.ThrowsAsync<RpcException>(() => Kpis.QueryKpisAsync(DayOf(theirs), crm).ResponseAsync);

        // Assert
        Assert.Equal(mine, Assert.Single(groups).Key.CampaignId);
        Assert.Equal((StatusCode.PermissionDenied, AccessErrors.CampaignOutOfScope), (foreign.StatusCode, ErrorInfo(foreign).Reason));
    }

    [Fact]
    public void Validate_JwtConfiguredListeningBeyondLoopback_Allowed()
    {
        var validator = new AuthOptionsValidator(new ConfigurationBuilder().AddInMemoryCollection([new("urls", "http://0.0.0.0:5051")]).Build());
        var jwt = new JwtAuthOptions { Issuer = JwtKpiServer.Issuer, Audience = JwtKpiServer.Audience, SigningKeysFile = server.JwksFile };

        Assert.True(validator.Validate(null, new AuthOptions { Jwt = jwt }).Succeeded);
        Assert.True(validator.Validate(null, new AuthOptions()).Failed);
    }

    [Fact]
    public void IsOpen_JwtWithoutKeysFile_False()
    {
        var jwt = new JwtAuthOptions { Issuer = JwtKpiServer.Issuer, Audience = JwtKpiServer.Audience, SigningKeysFile = server.JwksFile };

        // Without keys every caller would be the anonymous admin.
        Assert.False(new ApiKeyRing(Microsoft.Extensions.Options.Options.Create(new AuthOptions { Jwt = jwt })).IsOpen);
        Assert.True(new ApiKeyRing(Microsoft.Extensions.Options.Options.Create(new AuthOptions())).IsOpen);
    }

    [Fact]
    public void Validate_JwtWithoutAudienceOrUsableKeys_FailsNamingEach()
    {
        var validator = new AuthOptionsValidator(new ConfigurationBuilder().Build());
        var jwt = new JwtAuthOptions { Issuer = JwtKpiServer.Issuer, SigningKeysFile = server.KeysFile };

        var result = validator.Validate(null, new AuthOptions { Jwt = jwt });

        Assert.True(result.Failed);
        Assert.Contains("Kpi:Auth:Jwt:Audience", result.FailureMessage);
        Assert.Contains("Kpi:Auth:Jwt:SigningKeysFile", result.FailureMessage);
    }

    private async Task AssertRefusedAsync(string token, string failed)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Kpis.QueryKpisAsync(DayOf("A"), JwtKpiServer.Bearer(token)).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var info = ErrorInfo(error);
        Assert.Equal((AccessErrors.InvalidToken, failed), (info.Reason, info.Metadata["failed"]));
        Assert.DoesNotContain(token, error.Status.Detail + string.Join(",", info.Metadata.Values));
    }
}
