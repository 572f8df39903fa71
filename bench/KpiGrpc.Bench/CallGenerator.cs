using KpiGrpc.Core.Records;

namespace KpiGrpc.Bench;

/// <summary>
/// Realistic, valid call records for an outbound floor: 200 operators in 10 teams on 5
/// campaigns, each operator on two of them (400 series), a predictive dialer's outcome mix,
/// 08:00-20:00 UTC on each of the last days. The same seed gives the same calls.
/// </summary>
public sealed class CallGenerator(int seed, DateTimeOffset end, int days)
{
    public const int Operators = 200;
    public const int Teams = 10;

    private static readonly string[] OperatorIds = [.. Enumerable.Range(1, Operators).Select(i => $"op-{i:D3}")];
    private static readonly string[] TeamIds = [.. Enumerable.Range(1, Teams).Select(i => $"team-{i:D2}")];
    private static readonly string[] CampaignIds = ["energy-2025", "insurance-renewals", "fibre-upsell", "solar-leads", "charity-winter"];

    // Share of each outcome, in percent (a B2C predictive dialer): most attempts reach nobody.
    private static readonly (CallOutcome Outcome, double Percent)[] OutcomeMix =
    [
        (CallOutcome.InvalidNumber, 6), (CallOutcome.NoAnswer, 35), (CallOutcome.Busy, 5),
        (CallOutcome.Voicemail, 20), (CallOutcome.Dropped, 1.5), (CallOutcome.Rejected, 10),
        (CallOutcome.Answered, 8), (CallOutcome.Pitched, 10.5), (CallOutcome.Appointment, 4),
    ];

    private readonly Random _random = new(seed);
    private readonly DateTimeOffset _start = end.AddDays(-days);
    private long _next;

    /// <summary>The first instant calls are spread from: <c>end</c> minus the days.</summary>
    public DateTimeOffset Start => _start;

    public List<CallRecord> NextBatch(int count)
    {
        var batch = new List<CallRecord>(count);
        for (var i = 0; i < count; i++)
        {
            batch.Add(Next());
        }

        return batch;
    }

    /// <summary>
    /// The same calls in time order, numbered in that order: how a dialer's log export or its
    /// live feed arrives (ids rise with time).
    /// </summary>
    public List<CallRecord> InTimeOrder(List<CallRecord> calls) =>
        [.. calls.OrderBy(call => call.StartedAt).Select((call, i) => call with { CallId = $"call-{seed}-{i:D10}" })];

    public CallRecord Next()
    {
        var index = _next++;
        var op = _random.Next(Operators);
        // Each operator works a home campaign, and 15% of the time helps on one other.
        var home = op * CampaignIds.Length / Operators;
        var campaign = _random.NextDouble() < 0.85 ? home : (home + 1 + (op % (CampaignIds.Length - 1))) % CampaignIds.Length;
        var outcome = PickOutcome();
        var startedAt = _start
            .AddDays(_random.Next(days))
            .AddSeconds((8 * 3600) + _random.Next(12 * 3600));
        return new CallRecord(
            CallId: $"call-{seed}-{index:D10}",
            CampaignId: CampaignIds[campaign],
            OperatorId: OperatorIds[op],
            TeamId: TeamIds[op % Teams],
            LeadId: $"lead-{_random.Next(1, 5_000_000):D7}",
            StartedAt: startedAt,
            Outcome: outcome,
            TalkSeconds: TalkSeconds(outcome),
            RemovalRequested: outcome switch
            {
                CallOutcome.Rejected => _random.NextDouble() < 0.15,
                CallOutcome.Answered => _random.NextDouble() < 0.01,
                _ => false,
            },
            Revision: 0);
    }

    private CallOutcome PickOutcome()
    {
        var roll = _random.NextDouble() * 100;
        foreach (var (outcome, percent) in OutcomeMix)
        {
            roll -= percent;
            if (roll < 0)
            {
                return outcome;
            }
        }

        return CallOutcome.NoAnswer;
    }

    // Nobody talks on invalid, unanswered or busy lines; a pitch takes minutes.
    private double TalkSeconds(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Voicemail => Between(4, 25),
        CallOutcome.Dropped => Between(0, 2),
        CallOutcome.Rejected => Between(2, 20),
        CallOutcome.Answered => Between(15, 150),
        CallOutcome.Pitched => Between(90, 420),
        CallOutcome.Appointment => Between(240, 900),
        _ => 0,
    };

    private double Between(double low, double high) => Math.Round(low + (_random.NextDouble() * (high - low)), 1);
}
