using System.Diagnostics;
using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Core.Access;
using KpiGrpc.Server.Access;
using Microsoft.Extensions.DependencyInjection;

namespace KpiGrpc.Server.Tests.Access;

internal static class AccessAsserts
{
    /// <summary>The ErrorInfo of an access error, checked to be in the server's domain.</summary>
    public static ErrorInfo ErrorInfo(RpcException error)
    {
        var status = error.GetRpcStatus();
        Assert.NotNull(status);
        var info = Assert.Single(status.Details).Unpack<ErrorInfo>();
        Assert.Equal("kpi.v1", info.Domain);
        return info;
    }

    /// <summary>A key added to the running server's file, once the server has read it (at most 2 s).</summary>
    public static async Task<string> AddKeyAsync(KeyedKpiServer server, string name, KpiRole role, params string[] campaigns)
    {
        var secret = server.Add(name, role, campaigns);
        var ring = server.Services.GetRequiredService<ApiKeyRing>();
        var waited = Stopwatch.StartNew();
        while (ring.Find(secret, out _) is null)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(2), $"the server did not take key {name} within 2 s");
            await Task.Delay(20);
        }

        return secret;
    }
}
