using System.Security.Cryptography;
using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Server.Access;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests.Access;

/// <summary>What changes under a token while the server runs: its expiry during an open stream, and the JWKS file.</summary>
public sealed class JwtLifetimeTests
{
    [Fact]
    public async Task WatchKpis_TokenExpiresWhileOpen_EndsUnauthenticatedTokenExpired()
    {
        // Arrange: no clock skew, a token valid for 3 more seconds
        await using var server = JwtKpiServer.WithoutClockSkew();
        var token = server.Token("wallboard-1", ["read"], expires: DateTime.UtcNow.AddSeconds(3));
        using var watch = new V1.KpiService.KpiServiceClient(server.Channel).WatchKpis(new V1.WatchKpisRequest { Since = At(Day) }, JwtKpiServer.Bearer(token));
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));

        // Act: read on; only a guard against a watch that never ends (it would fail as CANCELLED)
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(guard.Token))
            {
            }
        });

        // Assert
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Equal(AccessErrors.TokenExpired, ended.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Reason);
        Assert.Contains(server.Logs.Lines, line => line.Contains("token of wallboard-1 expired while the call was open", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueryKpis_JwksFileRotatedToANewKey_NewKeyTrustedOldKeyRefused()
    {
        // Arrange
        await using var server = new JwtKpiServer();
        var kpis = new V1.KpiService.KpiServiceClient(server.Channel);
        using var rotated = RSA.Create(2048);
        var oldToken = server.Token("wallboard-1", ["read"]);
        var newToken = server.Token("wallboard-1", ["read"], signedBy: rotated);
        Assert.Null(await QueryAsync(kpis, oldToken));

        // Act: the file is checked every half second; retry until the new key is seen (a guard of a minute)
        server.RotateTo(rotated);
        RpcException? newRefused = null;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            newRefused = await QueryAsync(kpis, newToken);
            if (newRefused is null)
            {
                break;
            }

            await Task.Delay(200);
        }

        var oldRefused = await QueryAsync(kpis, oldToken);

        // Assert
        Assert.Null(newRefused);
        Assert.NotNull(oldRefused);
        Assert.Equal(StatusCode.Unauthenticated, oldRefused.StatusCode);
        Assert.Equal("signature", oldRefused.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["failed"]);
    }

    private static async Task<RpcException?> QueryAsync(V1.KpiService.KpiServiceClient kpis, string token)
    {
        try
        {
            await kpis.QueryKpisAsync(DayOf("A"), JwtKpiServer.Bearer(token));
            return null;
        }
        catch (RpcException error)
        {
            return error;
        }
    }
}
