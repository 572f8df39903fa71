using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Querying;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Computing;

public sealed class ComputeQueryTests
{
    private static readonly DateTimeOffset Ten = Utc(2026, 3, 10, 10, 0);

    private static ComputeQuery Query(DateTimeOffset? from, DateTimeOffset? to) =>
        new(from, to, KpiFilter.All, GroupDimensions.None, Granularity.None, TimeZoneInfo.Utc);

    [Theory]
    [InlineData(7, "from")]
    [InlineData(null, "to")]
    public void Validate_OneBoundOffQuarterHour_RejectsItAsAStoredQueryWould(int? fromMinute, string field)
    {
        // Arrange: only one bound given (the other is left to the data); it is 10:07 or 11:20.
        var query = fromMinute is { } minute ? Query(Ten.AddMinutes(minute), null) : Query(null, Ten.AddMinutes(80));
        var storedTo = Ten.AddHours(2);
        var stored = Assert.Throws<KpiRequestException>(() => KpiQueryEngine.Validate(
            field == "from" ? query.ToKpiQuery(query.From!.Value, storedTo) : query.ToKpiQuery(Ten, query.To!.Value)));

        // Act
        var ex = Assert.Throws<KpiRequestException>(query.Validate);

        // Assert
        Assert.Equal((field, stored.Message), (ex.Field, ex.Message));
        Assert.Contains("15-minute boundary", ex.Message);
    }
}
