using Google.Rpc;
using Grpc.Core;
using KpiGrpc.Core.Storage;
using KpiGrpc.Server.Errors;
using KpiGrpc.Server.HealthChecks;

namespace KpiGrpc.Server.Tests;

/// <summary>
/// Which refusals tell a client to come back, and when: a google.rpc.RetryInfo beside the
/// ErrorInfo on those the same request may get past later, none on the limits a retry would hit again.
/// </summary>
public sealed class RetryInfoTests
{
    public static TheoryData<string, RpcException, TimeSpan> Retryable => new()
    {
        { "STORE_DISK_FULL", RpcErrors.StoreFull(new StoreFullException("/data", 4096)), KpiHealthChecks.PublishPeriod },
        { "REQUEST_BUFFERS_FULL", RpcErrors.RequestBuffersFull(256L * 1024 * 1024), TimeSpan.FromSeconds(1) },
        { "SHUTTING_DOWN", RpcErrors.ShuttingDown(), TimeSpan.FromSeconds(2) },
        { "SHUTTING_DOWN", RpcErrors.ImportDrained(7), TimeSpan.FromSeconds(2) },
        { "SHUTTING_DOWN", RpcErrors.WatchDrained(), TimeSpan.FromSeconds(2) },
        { "SHUTTING_DOWN", RpcErrors.ComputeDrained(), TimeSpan.FromSeconds(2) },
    };

    public static TheoryData<string, RpcException> NotRetryable => new()
    {
        { "REQUEST_TOO_LARGE", RpcErrors.RequestTooLarge(64 * 1024 * 1024) },
        { "TOO_MANY_WATCHES_ON_CONNECTION", LimitErrors.TooManyWatches("TOO_MANY_WATCHES_ON_CONNECTION", 2, "Kpi:Watch:MaxWatchesPerConnection", "too many") },
        { "RESPONSE_TOO_LARGE", LimitErrors.ResponseTooLarge(100_000, 10_000) },
        { "MESSAGE_RECEIVE_TIMEOUT", RpcErrors.MessageTimedOut(TimeSpan.FromSeconds(30), 1024) },
        { "STORE_DAMAGED", RpcErrors.StoreDamaged(new StoreDamagedException("/data/kpi.db", "damaged.", "Repair it.")) },
    };

    [Theory]
    [MemberData(nameof(Retryable))]
    public void RetryableRefusal_Built_CarriesErrorInfoAndRetryInfoWithItsDelay(string reason, RpcException refusal, TimeSpan delay)
    {
        // Act
        var status = refusal.GetRpcStatus()!;

        // Assert
        Assert.Equal(reason, status.GetDetail<ErrorInfo>()!.Reason);
        Assert.Equal(delay, status.GetDetail<RetryInfo>()!.RetryDelay.ToTimeSpan());
    }

    [Theory]
    [MemberData(nameof(NotRetryable))]
    public void LimitOrDamage_Built_CarriesErrorInfoButNoRetryInfo(string reason, RpcException refusal)
    {
        // Act
        var status = refusal.GetRpcStatus()!;

        // Assert
        Assert.Equal(reason, status.GetDetail<ErrorInfo>()!.Reason);
        Assert.Null(status.GetDetail<RetryInfo>());
    }
}
