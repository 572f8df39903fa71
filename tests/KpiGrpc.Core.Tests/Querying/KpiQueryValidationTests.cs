using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Rollups;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Querying;

public sealed class KpiQueryValidationTests
{
    private static readonly DateTimeOffset Ten = Utc(2026, 3, 10, 10, 0);

    private static KpiQuery Query(DateTimeOffset from, DateTimeOffset to) =>
        new(from, to, KpiFilter.All, GroupDimensions.None, Granularity.None, TimeZoneInfo.Utc);

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void Validate_ToNotAfterFrom_RejectsTo(int minutes)
    {
        var ex = Assert.Throws<KpiRequestException>(() => KpiQueryEngine.Validate(Query(Ten, Ten.AddMinutes(minutes))));

        Assert.Equal("to", ex.Field);
        Assert.Contains("must be after from", ex.Message);
    }

    [Fact]
    public void Validate_MissingFrom_RejectsFrom()
    {
        var ex = Assert.Throws<KpiRequestException>(() => KpiQueryEngine.Validate(Query(default, Ten)));

        Assert.Equal("from", ex.Field);
    }

    [Theory]
    [InlineData(7, 0, "from")]
    [InlineData(0, 20, "to")]
    public void Validate_OffQuarterHour_RejectsTheField(int fromMinute, int toMinute, string field)
    {
        var query = Query(Ten.AddMinutes(fromMinute), Ten.AddHours(1).AddMinutes(toMinute));

        var ex = Assert.Throws<KpiRequestException>(() => KpiQueryEngine.Validate(query));

        Assert.Equal(field, ex.Field);
        Assert.Contains("15-minute boundary", ex.Message);
    }

    [Fact]
    public void Validate_RangeLongerThanThreeYears_RejectsTo()
    {
        var query = Query(Ten, Ten + KpiQuery.MaxRange + TimeBuckets.SlotLength);

        var ex = Assert.Throws<KpiRequestException>(() => KpiQueryEngine.Validate(query));

        Assert.Equal("to", ex.Field);
        Assert.Contains("split the range", ex.Message);
    }

    [Fact]
    public void Validate_RangeOfExactlyThreeYears_IsAccepted()
    {
        var query = Query(Ten, Ten + KpiQuery.MaxRange);

        var ex = Record.Exception(() => KpiQueryEngine.Validate(query));

        Assert.Null(ex);
    }

    [Fact]
    public async Task QueryAsync_InvalidQuery_ThrowsBeforeReadingRollups()
    {
        var scenario = new QueryScenario().Calls(Call(at: Ten));

        var ex = await Assert.ThrowsAsync<KpiRequestException>(() => scenario.QueryAsync(Ten.AddHours(1), Ten));

        Assert.Equal("to", ex.Field);
    }
}
