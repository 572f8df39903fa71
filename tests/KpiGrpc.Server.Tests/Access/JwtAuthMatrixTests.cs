using Grpc.Core;
using KpiGrpc.Core.Access;
using KpiGrpc.Server.Access;
using static KpiGrpc.Server.Tests.Access.AccessAsserts;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>
/// A token of each role, unscoped and scoped to campaign A, and an expired token, against every RPC
/// through a real gRPC channel: the exact status, as for keys (<see cref="AuthMatrixTests"/>).
/// </summary>
public sealed class JwtAuthMatrixTests(JwtKpiServer server) : IClassFixture<JwtKpiServer>
{
    private const string Expired = "(expired)";

    public static TheoryData<string, string> Cases()
    {
        var tokens = new List<string> { Expired };
        tokens.AddRange(KpiRoles.All.SelectMany(role => new[] { role.Name(), $"{role.Name()}-a" }));
        var cases = new TheoryData<string, string>();
        foreach (var token in tokens)
        {
            foreach (var method in RpcProbes.All.Keys)
            {
                cases.Add(token, method);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Rpc_Token_ExactStatus(string token, string method)
    {
        // Arrange
        var role = token.Split('-')[0];
        var credential = token == Expired
            ? server.Token("late@sso", ["admin"], expires: DateTime.UtcNow.AddHours(-1))
            : server.Token($"{token}@sso", [role], campaigns: token.EndsWith("-a", StringComparison.Ordinal) ? [KeyedKpiServer.ScopedCampaign] : null);

        // Act
        var error = await RpcProbes.RunAsync(method, server.Channel, JwtKpiServer.Bearer(credential));

        // Assert
        var (expected, reason) = token switch
        {
            Expired => (StatusCode.Unauthenticated, AccessErrors.InvalidToken),
            _ when role == RpcRoles.RoleOf(method).Name() || role == KpiRole.Admin.Name() => (StatusCode.OK, null),
            _ => (StatusCode.PermissionDenied, AccessErrors.MissingRole),
        };
        Assert.Equal(expected, error?.StatusCode ?? StatusCode.OK);
        if (error is not null)
        {
            Assert.Equal(reason, ErrorInfo(error).Reason);
        }
    }
}
