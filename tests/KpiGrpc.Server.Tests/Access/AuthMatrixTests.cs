using System.Diagnostics;
using Grpc.Core;
using KpiGrpc.Core.Access;
using KpiGrpc.Server.Access;
using static KpiGrpc.Server.Tests.Access.AccessAsserts;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>
/// Every kind of caller against every RPC, through a real gRPC channel: no key, an unknown key, a
/// revoked key, a key of each role, unscoped and scoped to campaign A. The exact status, and for
/// refusals the ErrorInfo reason, never the key.
/// </summary>
public sealed class AuthMatrixTests(KeyedKpiServer server) : IClassFixture<KeyedKpiServer>
{
    private const string NoKey = "(none)";
    private const string UnknownKey = "(unknown)";
    private const string RevokedKey = "gone";

    private static readonly SemaphoreSlim RevokeOnce = new(1, 1);

    /// <summary>The roles of issue 15, written out here rather than read from the server's table, so that a wrong entry there fails.</summary>
    private static readonly Dictionary<string, KpiRole> IssueRoles = new()
    {
        ["/kpi.v1.IngestService/RecordCalls"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/ImportCalls"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/RecordSessions"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/ImportSessions"] = KpiRole.Ingest,
        ["/kpi.v1.IngestService/RecordAppointmentResults"] = KpiRole.Results,
        ["/kpi.v1.IngestService/ImportAppointmentResults"] = KpiRole.Results,
        ["/kpi.v1.KpiService/QueryKpis"] = KpiRole.Read,
        ["/kpi.v1.KpiService/WatchKpis"] = KpiRole.Read,
        ["/kpi.v1.ComputeService/ComputeKpis"] = KpiRole.Compute,
    };

    public static TheoryData<string, string> Cases()
    {
        var keys = new List<string> { NoKey, UnknownKey, RevokedKey };
        keys.AddRange(KpiRoles.All.SelectMany(role => new[] { role.Name(), $"{role.Name()}-a" }));
        var cases = new TheoryData<string, string>();
        foreach (var key in keys)
        {
            foreach (var method in RpcProbes.All.Keys)
            {
                cases.Add(key, method);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rpc_Caller_ExactStatus(string key, string method)
    {
        // Arrange
        if (key == RevokedKey)
        {
            await RevokeAsync();
        }

        var options = key switch
        {
            NoKey => server.As(null),
            UnknownKey => server.As(null, rawKey: ApiKeySecret.Generate()),
            _ => server.As(key),
        };

        // Act
        var error = await RpcProbes.RunAsync(method, server.Channel, options);

        // Assert
        var role = IssueRoles[method];
        var (expected, reason) = key switch
        {
            NoKey => (StatusCode.Unauthenticated, AccessErrors.MissingCredential),
            UnknownKey or RevokedKey => (StatusCode.Unauthenticated, AccessErrors.UnknownKey),
            _ when key.StartsWith(role.Name(), StringComparison.Ordinal) || key.StartsWith("admin", StringComparison.Ordinal) => (StatusCode.OK, null),
            _ => (StatusCode.PermissionDenied, AccessErrors.MissingRole),
        };
        Assert.True(expected == (error?.StatusCode ?? StatusCode.OK), $"{key} -> {method}: {error?.Status.ToString() ?? "OK"}");
        if (error is not null)
        {
            var info = ErrorInfo(error);
            Assert.Equal(reason, info.Reason);
            if (expected == StatusCode.PermissionDenied)
            {
                Assert.Equal(role.Name(), info.Metadata["role"]);
            }

            var sent = options.Headers!.GetValue("authorization");
            Assert.True(sent is null || !error.Status.Detail.Contains(sent["Bearer ".Length..], StringComparison.Ordinal), "the error echoes the key");
        }
    }

    [Fact]
    public void RpcRoles_EveryMethodOfEveryService_HasARole()
    {
        // Arrange
        var methods = new[] { V1.IngestService.Descriptor, V1.KpiService.Descriptor, V1.ComputeService.Descriptor }
            .SelectMany(service => service.Methods.Select(method => $"/{service.FullName}/{method.Name}"))
            .Order();

        // Assert: the table and the probes cover every RPC, no more.
        Assert.Equal(methods, RpcRoles.All.Keys.Order());
        Assert.Equal(methods, RpcProbes.All.Keys.Order());
    }

    [Fact]
    public async Task Health_NoKey_Serving()
    {
        // Act
        var response = await new Grpc.Health.V1.Health.HealthClient(server.Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());

        // Assert
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Rpc_MalformedAuthorization_UnauthenticatedMalformed()
    {
        // Arrange
        var headers = new Metadata { { "authorization", $"Basic {server.Secret("admin")}" } };

        // Act
        var error = await RpcProbes.RunAsync("/kpi.v1.KpiService/QueryKpis", server.Channel, new CallOptions(headers));

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, error?.StatusCode);
        Assert.Equal(AccessErrors.MalformedCredential, ErrorInfo(error!).Reason);
    }

    /// <summary>Revokes "gone" once, and checks the server refuses it within 2 s.</summary>
    private async Task RevokeAsync()
    {
        await RevokeOnce.WaitAsync();
        try
        {
            if (ApiKeyFile.Load(server.KeysFile).Find(RevokedKey) is null)
            {
                return;
            }

            _ = server.Channel;
            Assert.Null(await RpcProbes.RunAsync("/kpi.v1.KpiService/QueryKpis", server.Channel, server.As(RevokedKey)));
            server.Revoke(RevokedKey);
            var revoked = Stopwatch.StartNew();
            while (await RpcProbes.RunAsync("/kpi.v1.KpiService/QueryKpis", server.Channel, server.As(RevokedKey)) is null)
            {
                Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(2), "the revoked key still worked after 2 s");
                await Task.Delay(20);
            }
        }
        finally
        {
            RevokeOnce.Release();
        }
    }
}
