using System.Globalization;
using KpiGrpc.Cli.Compute;

namespace KpiGrpc.Cli.Tests.Compute;

public sealed class SpanInstantTests
{
    [Theory]
    [InlineData("2026-03-28T09:15:00Z")]
    [InlineData("2026-03-28 09:15:00.250+01:00")]
    [InlineData("2026-03-29T03:00:00.1234567-14:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("2024-02-29T23:59:59+14:00")]
    public void TryParse_CommonShapes_SameInstantAsDateTimeOffset(string text)
    {
        // Arrange
        var expected = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();

        // Act
        var day = default(SpanInstant.Day);
        var parsed = SpanInstant.TryParse(text, ref day, out var seconds, out var nanos);

        // Assert
        Assert.True(parsed);
        Assert.Equal(expected, DateTimeOffset.FromUnixTimeSeconds(seconds).AddTicks(nanos / 100));
    }

    [Fact]
    public void TryParse_DatesOneAfterAnotherWithOneDay_EachAsReadAlone()
    {
        // Arrange: the date is kept from one instant to the next; a change of date, an invalid
        // date after a valid one, and a return to an earlier date must each read as if alone.
        string[] texts =
        [
            "2026-03-28T09:15:00Z", "2026-03-28T23:59:59Z", "2026-03-29T00:00:00Z", "2026-02-30T09:15:00Z",
            "2026-03-29T10:00:00+02:00", "2026-03-28T09:15:00.5Z", "2026-13-01T00:00:00Z", "0001-01-01T00:00:00Z",
            "0001-01-01T00:00:01Z", "2026-03-28T24:00:00Z", "2026-03-28T09:15:00Z",
        ];
        var day = default(SpanInstant.Day);

        foreach (var text in texts)
        {
            // Act
            var fresh = default(SpanInstant.Day);
            var alone = SpanInstant.TryParse(text, ref fresh, out var aloneSeconds, out var aloneNanos);
            var withDay = SpanInstant.TryParse(text, ref day, out var seconds, out var nanos);

            // Assert
            Assert.Equal((alone, aloneSeconds, aloneNanos), (withDay, seconds, nanos));
        }
    }
}
