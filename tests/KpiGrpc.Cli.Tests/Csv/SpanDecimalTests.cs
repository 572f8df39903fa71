using System.Globalization;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Tests.Csv;

public sealed class SpanDecimalTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("506")]
    [InlineData("93.5")]
    [InlineData("1.3")]
    [InlineData("0.1")]
    [InlineData(".5")]
    [InlineData("007.250")]
    [InlineData("86400")]
    [InlineData("123456789012345")]
    [InlineData("12345678.9012345")]
    [InlineData("0.00000000000001")]  // 15 digits, the most read here
    public void TryParse_PlainDecimal_BitForBitWhatDoubleParseReturns(string text)
    {
        // Act
        var parsed = SpanDecimal.TryParse(text, out var value);

        // Assert
        Assert.True(parsed);
        Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), BitConverter.DoubleToInt64Bits(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData(".")]
    [InlineData("12.")]                // double.Parse reads it: left to it
    [InlineData("-1.5")]
    [InlineData("+2")]
    [InlineData("1e2")]
    [InlineData("1.2.3")]
    [InlineData(" 4")]
    [InlineData("1234567890123456")]   // 16 digits: not exact in every case
    [InlineData("NaN")]
    public void TryParse_AnythingElse_FalseForTheGeneralParser(string text)
    {
        // Act
        var parsed = SpanDecimal.TryParse(text, out _);

        // Assert
        Assert.False(parsed);
    }

    [Fact]
    public void TryParse_RandomDecimalsOfUpTo15Digits_AllBitForBitWhatDoubleParseReturns()
    {
        // Arrange: 200,000 decimals, any split of 1 to 15 digits around the point.
        var random = new Random(20261127);
        var mismatches = new List<string>();

        // Act
        for (var i = 0; i < 200_000; i++)
        {
            var digits = random.Next(1, 16);
            var text = string.Concat(Enumerable.Range(0, digits).Select(_ => (char)('0' + random.Next(10))));
            var point = random.Next(0, digits + 1);
            if (point < digits)
            {
                text = text.Insert(point, ".");
            }

            if (!SpanDecimal.TryParse(text, out var value)
                || BitConverter.DoubleToInt64Bits(value) != BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)))
            {
                mismatches.Add(text);
            }
        }

        // Assert
        Assert.Empty(mismatches);
    }
}
