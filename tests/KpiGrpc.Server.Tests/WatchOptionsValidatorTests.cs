using KpiGrpc.Server.Options;

namespace KpiGrpc.Server.Tests;

public sealed class WatchOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeed()
    {
        // Act
        var result = new WatchOptionsValidator().Validate(null, new WatchOptions());

        // Assert
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_EveryLimitOutOfRange_OneErrorPerOptionNamingIt()
    {
        // Arrange: a message over 4,000,000 bytes would exceed what clients receive by default.
        var options = new WatchOptions { MaxWatchesPerConnection = 0, MaxWatches = -1, MaxMessageBytes = 4_000_001, MaxComputeShare = 0 };

        // Act
        var result = new WatchOptionsValidator().Validate(null, options);

        // Assert
        Assert.Equal(4, result.Failures!.Count());
        Assert.Contains("Kpi:Watch:MaxWatchesPerConnection (0)", result.FailureMessage);
        Assert.Contains("Kpi:Watch:MaxWatches (-1)", result.FailureMessage);
        Assert.Contains("Kpi:Watch:MaxMessageBytes (4000001) must be between 16384 and 4000000", result.FailureMessage);
        Assert.Contains("Kpi:Watch:MaxComputeShare (0)", result.FailureMessage);
    }
}
