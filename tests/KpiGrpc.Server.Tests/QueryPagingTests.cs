using Google.Rpc;
using Grpc.Core;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

public sealed class QueryPagingTests(KpiServerFactory server) : IClassFixture<KpiServerFactory>
{
    private static readonly DateTimeOffset NineAm = Day.AddHours(9);

    [Fact]
    public async Task QueryKpis_PagesOfTwo_EveryGroupOnceInOrderThenNoToken()
    {
        // Arrange: 7 operators, so pages of 2, 2, 2 and 1.
        var campaign = await RecordOperatorsAsync("pages", 7);
        var request = DayOf(campaign, V1.GroupDimension.Operator);
        request.PageSize = 2;

        // Act
        var pages = await AllPagesAsync(request);

        // Assert
        Assert.Equal([2, 2, 2, 1], pages.Select(p => p.Groups.Count));
        Assert.Equal(Operators(7), pages.SelectMany(p => p.Groups).Select(g => g.Key.OperatorId));
        Assert.Equal("", pages[^1].NextPageToken);
    }

    [Fact]
    public async Task QueryKpis_ByWeekdayAndHourPagesOfOne_EveryLocalHourOnceInOrder()
    {
        // Arrange: calls at 09:00, 10:00 and 11:00 UTC on Monday 3 March 2025.
        var campaign = Unique("hours");
        var calls = new[] { 11, 9, 10 }.Select(hour => Call($"{campaign}-{hour}", campaign, "op-1", V1.CallOutcome.Answered, Day.AddHours(hour))).ToArray();
        await server.Ingest.RecordCallsAsync(Calls(calls));
        var request = DayOf(campaign, V1.GroupDimension.Weekday, V1.GroupDimension.HourOfDay);
        request.PageSize = 1;

        // Act
        var pages = await AllPagesAsync(request);

        // Assert: the token resumes after a weekday and hour, not only after ids.
        Assert.Equal([1, 1, 1], pages.Select(p => p.Groups.Count));
        Assert.Equal([(V1.Weekday.Monday, 9), (V1.Weekday.Monday, 10), (V1.Weekday.Monday, 11)], pages.SelectMany(p => p.Groups).Select(g => (g.Key.Weekday, g.Key.HourOfDay)));
        Assert.All(pages.SelectMany(p => p.Groups), g => Assert.True(g.Key.OperatorId == "" && g.Key.PeriodStart is null));
    }

    [Fact]
    public async Task QueryKpis_TokenOfAnotherQuery_InvalidArgumentOnPageToken()
    {
        // Arrange
        var campaign = await RecordOperatorsAsync("other-query", 3);
        var byOperator = DayOf(campaign, V1.GroupDimension.Operator);
        byOperator.PageSize = 1;
        var token = (await server.Kpis.QueryKpisAsync(byOperator)).NextPageToken;
        var byTeam = DayOf(campaign, V1.GroupDimension.Team);
        byTeam.PageToken = token;

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Kpis.QueryKpisAsync(byTeam));

        // Assert
        Assert.NotEqual("", token);
        Assert.Equal("page_token", FieldViolation(error).Field);
        Assert.Contains("another query", error.Status.Detail);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("AQ")]
    public async Task QueryKpis_TokenNotIssuedByTheServer_InvalidArgumentOnPageToken(string token)
    {
        // Arrange
        var request = DayOf(Unique("garbage"));
        request.PageToken = token;

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Kpis.QueryKpisAsync(request));

        // Assert
        Assert.Equal("page_token", FieldViolation(error).Field);
    }

    [Fact]
    public async Task QueryKpis_NegativePageSize_InvalidArgumentOnPageSize()
    {
        // Arrange
        var request = DayOf(Unique("negative"));
        request.PageSize = -1;

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Kpis.QueryKpisAsync(request));

        // Assert
        Assert.Equal("page_size", FieldViolation(error).Field);
    }

    [Fact]
    public async Task QueryKpis_PageSizeAboveTheMaximum_PagesOfTenThousand()
    {
        // Arrange
        var campaign = await RecordOperatorsAsync("coerced", 10_001);
        var request = DayOf(campaign, V1.GroupDimension.Operator);
        request.PageSize = 50_000;

        // Act
        var pages = await AllPagesAsync(request);

        // Assert
        Assert.Equal([10_000, 1], pages.Select(p => p.Groups.Count));
    }

    [Fact]
    public async Task QueryKpis_NoPageSizeAndAnswerFits_EveryGroupInOneResponse()
    {
        // Arrange: 10,001 short groups, about 1.5 MB: what a client unaware of paging got before.
        var campaign = await RecordOperatorsAsync("unpaged", 10_001);

        // Act
        var response = await server.Kpis.QueryKpisAsync(DayOf(campaign, V1.GroupDimension.Operator));

        // Assert
        Assert.Equal(10_001, response.Groups.Count);
        Assert.Equal("", response.NextPageToken);
    }

    [Fact]
    public async Task QueryKpis_NoPageSizeAndAnswerOverFourMegabytes_FailedPreconditionTellingToSetPageSize()
    {
        // Arrange: 6,000 groups keyed by three 200-character ids, about 4.4 MB.
        var campaign = await RecordLongIdGroupsAsync(6_000);

        // Act
        var error = await Assert.ThrowsAsync<RpcException>(async () => await server.Kpis.QueryKpisAsync(LongIdQuery(campaign)));

        // Assert
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("set page_size", error.Status.Detail);
        Assert.Equal("RESPONSE_TOO_LARGE", Assert.Single(error.GetRpcStatus()!.Details).Unpack<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task QueryKpis_PagedAnswerOverFourMegabytes_PagesUnderTheClientLimitWithEveryGroupOnce()
    {
        // Arrange: the test channel keeps gRPC's default 4 MiB receive limit.
        var campaign = await RecordLongIdGroupsAsync(6_000);
        var request = LongIdQuery(campaign);
        request.PageSize = 10_000;

        // Act
        var pages = await AllPagesAsync(request);

        // Assert
        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        Assert.All(pages.Select(page => page.CalculateSize()), size => Assert.True(size <= 4_000_000, $"a page of {size:N0} bytes"));
        var operators = pages.SelectMany(p => p.Groups).Select(g => g.Key.OperatorId).ToList();
        Assert.Equal(6_000, operators.Distinct().Count());
        Assert.Equal(6_000, operators.Count);
    }

    private async Task<List<V1.QueryKpisResponse>> AllPagesAsync(V1.QueryKpisRequest request)
    {
        var pages = new List<V1.QueryKpisResponse>();
        do
        {
            pages.Add(await server.Kpis.QueryKpisAsync(request));
            request.PageToken = pages[^1].NextPageToken;
        }
        while (request.PageToken != "" && pages.Count < 100);

        return pages;
    }

    private static IEnumerable<string> Operators(int count) => Enumerable.Range(0, count).Select(i => $"op-{i:D5}");

    private async Task<string> RecordOperatorsAsync(string prefix, int count)
    {
        var campaign = Unique(prefix);
        var calls = Operators(count).Select(op => Call($"{campaign}-{op}", campaign, op, V1.CallOutcome.Answered, NineAm)).ToArray();
        await server.Ingest.RecordCallsAsync(Calls(calls));
        return campaign;
    }

    private async Task<string> RecordLongIdGroupsAsync(int count)
    {
        var campaign = Unique("long").PadRight(200, 'c');
        var team = "team".PadRight(200, 't');
        var calls = Operators(count)
            .Select(op => Call($"{campaign[..40]}-{op}", campaign, op.PadRight(200, 'o'), V1.CallOutcome.Pitched, NineAm, talkSeconds: 60, team: team))
            .ToArray();
        await server.Ingest.RecordCallsAsync(Calls(calls));
        return campaign;
    }

    private static V1.QueryKpisRequest LongIdQuery(string campaign) =>
        DayOf(campaign, V1.GroupDimension.Operator, V1.GroupDimension.Team, V1.GroupDimension.Campaign);
}
