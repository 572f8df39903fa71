using Google.Protobuf.WellKnownTypes;
using KpiGrpc.V1;

namespace KpiGrpc.Client.Tests.Infrastructure;

/// <summary>Records on a fixed day in the past, and the queries and options the tests use.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset Day = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);

    public static Timestamp At(int hour, int minute = 0) => Timestamp.FromDateTimeOffset(Day.AddHours(hour).AddMinutes(minute));

    public static CallRecord Call(string callId, string campaign, string operatorId, CallOutcome outcome, double talkSeconds = 0, int minute = 0) => new()
    {
        CallId = callId,
        CampaignId = campaign,
        OperatorId = operatorId,
        TeamId = "team-1",
        StartedAt = At(9, minute),
        Outcome = outcome,
        TalkSeconds = talkSeconds,
    };

    public static OperatorSession Session(string sessionId, string campaign, string operatorId, Timestamp from, Timestamp to) => new()
    {
        SessionId = sessionId,
        CampaignId = campaign,
        OperatorId = operatorId,
        TeamId = "team-1",
        StartedAt = from,
        EndedAt = to,
    };

    public static AppointmentResult Result(string callId, AppointmentResultKind kind) =>
        new() { CallId = callId, Result = kind, ReportedAt = At(18) };

    /// <summary>The whole of <see cref="Day"/>, restricted to one campaign when given.</summary>
    public static QueryKpisRequest QueryOf(DateTimeOffset day, string? campaign = null, params GroupDimension[] groupBy)
    {
        var request = new QueryKpisRequest
        {
            From = Timestamp.FromDateTimeOffset(day),
            To = Timestamp.FromDateTimeOffset(day.AddDays(1)),
            Filter = new KpiFilter(),
            GroupBy = { groupBy },
        };
        if (campaign is not null)
        {
            request.Filter.CampaignIds.Add(campaign);
        }

        return request;
    }

    /// <summary>Short backoffs so that tests of retries and reconnects stay quick.</summary>
    public static KpiClientOptions FastOptions(Uri address) => new()
    {
        Address = address,
        CallDeadline = TimeSpan.FromSeconds(5),
        MaxRetryAttempts = 30,
        RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        CircuitBreakerMinimumThroughput = 100,
    };

    /// <summary>Dialed calls of a campaign on <see cref="Day"/>, 0 when it has none.</summary>
    public static async Task<long> DialedAsync(KpiClient client, string campaign)
    {
        var groups = await client.QueryKpisAsync(QueryOf(Day, campaign));
        return groups.Sum(group => group.Counts.Dialed);
    }

    /// <summary>Polls until <paramref name="condition"/> holds or the timeout passes; returns the last value.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var value = await probe();
        while (!condition(value) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            value = await probe();
        }

        return value;
    }

    /// <summary>The next event of a watch, failing the test if none comes within the timeout.</summary>
    public static async Task<KpiWatchEvent> NextAsync(this IAsyncEnumerator<KpiWatchEvent> watch, TimeSpan timeout)
    {
        var next = watch.MoveNextAsync().AsTask();
        if (await Task.WhenAny(next, Task.Delay(timeout)) != next)
        {
            throw new TimeoutException($"no watch event within {timeout}");
        }

        Assert.True(await next, "the watch ended");
        return watch.Current;
    }
}
