using KpiGrpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Client.Tests;

public sealed class KpiClientOptionsTests
{
    [Fact]
    public void Validate_SeveralBadValues_ReportsEveryOne()
    {
        // Arrange
        var options = new KpiClientOptions { Address = null, CallDeadline = TimeSpan.Zero, BatchSize = 60_000, CircuitBreakerFailureRatio = 2 };

        // Act
        var result = new KpiClientOptionsValidator().Validate(null, options);

        // Assert
        Assert.True(result.Failed);
        Assert.Collection(result.Failures!,
            e => Assert.Contains("Address", e),
            e => Assert.Contains("CallDeadline", e),
            e => Assert.Contains("CircuitBreakerFailureRatio", e),
            e => Assert.Contains("BatchSize", e));
    }

    [Fact]
    public void Validate_Defaults_WithAnAddress_Pass()
    {
        // Act
        var result = new KpiClientOptionsValidator().Validate(null, new KpiClientOptions { Address = new Uri("http://127.0.0.1:5000") });

        // Assert
        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task AddKpiClient_ConfiguredAddress_ResolvesOneClientAndRecorderUsingIt()
    {
        // Arrange
        var services = new ServiceCollection().AddKpiClient(o =>
        {
            o.Address = new Uri("http://127.0.0.1:5999");
            o.BatchSize = 50;
        });
        await using var provider = services.BuildServiceProvider();

        // Act
        var client = provider.GetRequiredService<KpiClient>();
        var recorder = provider.GetRequiredService<KpiCallRecorder>();

        // Assert
        Assert.Same(client, provider.GetRequiredService<KpiClient>());
        Assert.NotNull(recorder);
        Assert.Equal(50, client.Options.BatchSize);
        Assert.Equal(new Uri("http://127.0.0.1:5999"), client.Options.Address);
    }

    [Fact]
    public void AddKpiClient_NoAddress_FailsWhenResolved()
    {
        // Arrange
        using var provider = new ServiceCollection().AddKpiClient(o => o.BatchSize = 10).BuildServiceProvider();

        // Act
        var error = Record.Exception(() => provider.GetRequiredService<KpiClient>());

        // Assert
        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(validation.Failures, f => f.Contains("Address"));
    }

    [Fact]
    public async Task RecordCallsAsync_ServerUnreachable_FailsUnavailableAfterRetries()
    {
        // Arrange: nothing listens on port 1.
        using var client = new KpiClient(new KpiClientOptions
        {
            Address = new Uri("http://127.0.0.1:1"),
            MaxRetryAttempts = 2,
            RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        });

        // Act
        var error = await Record.ExceptionAsync(() => client.RecordCallsAsync([new CallRecord { CallId = "x" }]));

        // Assert
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, Assert.IsType<Grpc.Core.RpcException>(error).StatusCode);
    }
}
