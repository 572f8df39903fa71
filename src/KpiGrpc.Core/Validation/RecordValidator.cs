using System.Buffers;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Validation;

/// <summary>Checks records before they are stored; returns the first violation, or null when valid.</summary>
public sealed class RecordValidator(TimeProvider clock)
{
    /// <summary>
    /// Ids longer than this many characters, counted as Unicode code points (what Python's
    /// len and Go's utf8.RuneCountInString count; an emoji is one), are refused: they are keys,
    /// not free text.
    /// </summary>
    public const int MaxIdLength = 200;

    // Unicode's control characters (category Cc): C0, DEL and C1. NUL and friends in a key
    // are a client's bug, end C strings early and make CSV exports and logs unreadable.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    /// <summary>How far in the future a timestamp may be (clock skew between dialer and server).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromHours(24);

    /// <summary>Longest talk time accepted: beyond a day it is corrupt, and huge values would overflow the millisecond sums.</summary>
    public const double MaxTalkSeconds = 86_400;

    /// <summary>Longest session accepted: a forgotten logout must not count weeks of logged time.</summary>
    public static readonly TimeSpan MaxSessionLength = TimeSpan.FromHours(24);

    /// <summary>Instants before this are refused as missing or corrupt.</summary>
    public static readonly DateTimeOffset MinInstant = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public RecordViolation? Validate(CallRecord call) => Validate(call, clock.GetUtcNow());

    /// <summary>As <see cref="Validate(CallRecord)"/>, against a clock read once for a whole batch.</summary>
    public RecordViolation? Validate(CallRecord call, DateTimeOffset now) =>
        RequiredId("call_id", call.CallId)
        ?? RequiredId("campaign_id", call.CampaignId)
        ?? RequiredId("operator_id", call.OperatorId)
        ?? OptionalId("team_id", call.TeamId)
        ?? OptionalId("lead_id", call.LeadId)
        ?? ValidateCallFacts(call.StartedAt, call.Outcome, call.TalkSeconds, call.RemovalRequested, call.Revision, now);

    /// <summary>
    /// Every check of a call but those of its ids, for a caller that has checked the ids already
    /// (e.g. each distinct campaign of a batch once).
    /// </summary>
    public RecordViolation? ValidateCallFacts(DateTimeOffset startedAt, CallOutcome outcome, double talkSeconds, bool removalRequested, int revision, DateTimeOffset now) =>
        Instant("started_at", startedAt, now)
        ?? Outcome(outcome)
        ?? TalkSeconds(outcome, talkSeconds)
        ?? Removal(outcome, removalRequested)
        ?? (revision < 0 ? new RecordViolation("revision", "revision must be 0 or more") : null);

    /// <summary>True when <paramref name="value"/> is within the range every instant must fall in (2000 to 24 hours after <paramref name="now"/>).</summary>
    public static bool IsAcceptedInstant(DateTimeOffset value, DateTimeOffset now) =>
        value >= MinInstant && value <= now + MaxFutureSkew;

    /// <summary>The clock the future-skew check reads.</summary>
    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>True when <paramref name="value"/> passes the checks of a required id (call_id, campaign_id, operator_id).</summary>
    public static bool IsValidRequiredId(string value) => RequiredId("id", value) is null;

    /// <summary>True when <paramref name="value"/> passes the checks of an optional id (team_id, lead_id).</summary>
    public static bool IsValidOptionalId(string value) => OptionalId("id", value) is null;

    public RecordViolation? Validate(AppointmentResult result) =>
        RequiredId("call_id", result.CallId)
        ?? (Enum.IsDefined(result.Result) ? null : new RecordViolation("result", "result is required: SALE, NO_SALE or CANCELLED"))
        ?? Instant("reported_at", result.ReportedAt, clock.GetUtcNow());

    public RecordViolation? Validate(OperatorSession session) =>
        RequiredId("session_id", session.SessionId)
        ?? RequiredId("operator_id", session.OperatorId)
        ?? OptionalId("team_id", session.TeamId)
        ?? OptionalId("campaign_id", session.CampaignId)
        ?? Instant("started_at", session.StartedAt, clock.GetUtcNow())
        ?? Instant("ended_at", session.EndedAt, clock.GetUtcNow())
        ?? (session.EndedAt <= session.StartedAt
            ? new RecordViolation("ended_at", "ended_at must be after started_at")
            : null)
        ?? (session.EndedAt - session.StartedAt > MaxSessionLength
            ? new RecordViolation("ended_at", $"a session lasts at most {MaxSessionLength.TotalHours:0} hours; split longer spans")
            : null);

    private static RecordViolation? RequiredId(string field, string value) =>
        string.IsNullOrWhiteSpace(value) ? new RecordViolation(field, $"{field} is required") : OptionalId(field, value);

    private static RecordViolation? OptionalId(string field, string value)
    {
        // A string of at most MaxIdLength UTF-16 units has at most as many code points: counted only past it.
        if (value.Length > MaxIdLength && value.EnumerateRunes().Count() > MaxIdLength)
        {
            return new RecordViolation(field, $"{field} is longer than {MaxIdLength} characters");
        }

        var control = value.AsSpan().IndexOfAny(ControlCharacters);
        return control < 0
            ? null
            : new RecordViolation(field, $"{field} contains a control character (U+{(int)value[control]:X4}); ids must be printable text");
    }

    private static RecordViolation? Instant(string field, DateTimeOffset value, DateTimeOffset now)
    {
        if (IsAcceptedInstant(value, now))
        {
            return null;
        }

        return value == default ? new RecordViolation(field, $"{field} is required")
            : value < MinInstant ? new RecordViolation(field, $"{field} {value:O} is before {MinInstant:yyyy-MM-dd}")
            : new RecordViolation(field, $"{field} {value:O} is more than {MaxFutureSkew.TotalHours:0} hours in the future");
    }

    private static RecordViolation? Outcome(CallOutcome outcome) =>
        CallOutcomeFunnel.IsDefined(outcome)
            ? null
            : new RecordViolation("outcome", "outcome is required and must be one of the nine call outcomes");

    private static RecordViolation? TalkSeconds(CallOutcome outcome, double talkSeconds)
    {
        if (!double.IsFinite(talkSeconds) || talkSeconds < 0)
        {
            return new RecordViolation("talk_seconds", "talk_seconds must be a finite number of seconds, 0 or more");
        }

        if (talkSeconds > MaxTalkSeconds)
        {
            return new RecordViolation("talk_seconds", $"talk_seconds must be at most {MaxTalkSeconds:0} (one day)");
        }

        return talkSeconds > 0 && !outcome.AllowsTalkTime()
            ? new RecordViolation("talk_seconds", $"talk_seconds must be 0 when outcome is {OutcomeName(outcome)}: nobody talked")
            : null;
    }

    private static RecordViolation? Removal(CallOutcome outcome, bool removalRequested) =>
        removalRequested && !outcome.IsAnswered()
            ? new RecordViolation("removal_requested", $"removal_requested needs someone who answered, but outcome is {OutcomeName(outcome)}")
            : null;

    /// <summary>The outcome as users write it (snake_case, as in the CSV and the proto).</summary>
    public static string OutcomeName(CallOutcome outcome) => outcome switch
    {
        CallOutcome.InvalidNumber => "invalid_number",
        CallOutcome.NoAnswer => "no_answer",
        CallOutcome.Busy => "busy",
        CallOutcome.Voicemail => "voicemail",
        CallOutcome.Dropped => "dropped",
        CallOutcome.Rejected => "rejected",
        CallOutcome.Answered => "answered",
        CallOutcome.Pitched => "pitched",
        CallOutcome.Appointment => "appointment",
        _ => outcome.ToString(),
    };
}
