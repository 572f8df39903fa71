using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Tests;

/// <summary>Small builders so each test states only what it is about.</summary>
internal static class TestData
{
    /// <summary>A Tuesday, well inside the range the validator accepts.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static CallRecord Call(
        string id = "call-1",
        CallOutcome outcome = CallOutcome.Answered,
        DateTimeOffset? at = null,
        double talkSeconds = 0,
        string campaign = "camp-1",
        string team = "team-1",
        string operatorId = "op-1",
        bool removalRequested = false,
        int revision = 0,
        string lead = "") =>
        new(id, campaign, operatorId, team, lead, at ?? Now.AddHours(-2), outcome, talkSeconds, removalRequested, revision);

    public static OperatorSession Session(
        DateTimeOffset start,
        DateTimeOffset end,
        string operatorId = "op-1",
        string team = "team-1",
        string campaign = "",
        string id = "session-1") =>
        new(id, operatorId, team, campaign, start, end);
}

/// <summary>A clock that always reads the same instant.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
