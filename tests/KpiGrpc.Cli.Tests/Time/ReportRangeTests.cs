using KpiGrpc.Cli.Commands;
using KpiGrpc.Cli.Time;

namespace KpiGrpc.Cli.Tests.Time;

public sealed class ReportRangeTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    [Fact]
    public void Resolve_Dates_MeanLocalMidnightInTheZone()
    {
        // Act
        var range = ReportRange.Resolve("2026-03-28", "2026-03-30", Paris, DateTimeOffset.UtcNow);

        // Assert: +01:00 before the DST change of 29 March, +02:00 after it.
        Assert.Equal(new DateTimeOffset(2026, 3, 27, 23, 0, 0, TimeSpan.Zero), range.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero), range.To);
    }

    [Fact]
    public void Resolve_NoBounds_EndsAtNextLocalMidnightAndSpansThirtyDays()
    {
        // Arrange: 10:00 in Paris on 15 June.
        var now = new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero);

        // Act
        var range = ReportRange.Resolve(null, null, Paris, now);

        // Assert
        Assert.Equal(new DateTimeOffset(2026, 6, 16, 0, 0, 0, TimeSpan.FromHours(2)), range.To);
        Assert.Equal(new DateTimeOffset(2026, 5, 17, 0, 0, 0, TimeSpan.FromHours(2)), range.From);
    }

    [Fact]
    public void Resolve_InstantWithoutOffset_ThrowsExplainingTheOffset()
    {
        // Act
        var error = Assert.Throws<CliUsageException>(() => ReportRange.Resolve("2026-03-28T10:00:00", null, Paris, DateTimeOffset.UtcNow));

        // Assert
        Assert.Contains("--from: '2026-03-28T10:00:00' has no UTC offset", error.Message);
    }

    [Fact]
    public void Resolve_FromAfterTo_Throws()
    {
        // Act & Assert
        Assert.Throws<CliUsageException>(() => ReportRange.Resolve("2026-03-30", "2026-03-28T00:00:00Z", Paris, DateTimeOffset.UtcNow));
    }
}
