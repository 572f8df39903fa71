namespace KpiGrpc.Core.Records;

/// <summary>What happened on one dial attempt; each value implies the funnel steps it reached.</summary>
public enum CallOutcome
{
    InvalidNumber = 1,
    NoAnswer = 2,
    Busy = 3,
    Voicemail = 4,
    Dropped = 5,
    Rejected = 6,
    Answered = 7,
    Pitched = 8,
    Appointment = 9,
}

/// <summary>The funnel steps implied by an outcome (the table in the README).</summary>
public static class CallOutcomeFunnel
{
    public static bool IsDefined(CallOutcome outcome) => outcome is >= CallOutcome.InvalidNumber and <= CallOutcome.Appointment;

    public static bool IsConnected(this CallOutcome outcome) => outcome != CallOutcome.InvalidNumber;

    public static bool IsAnswered(this CallOutcome outcome) => outcome >= CallOutcome.Dropped;

    public static bool IsPitched(this CallOutcome outcome) => outcome >= CallOutcome.Pitched;

    public static bool IsAppointment(this CallOutcome outcome) => outcome == CallOutcome.Appointment;

    /// <summary>Outcomes on which nobody talked, so talk time must be zero.</summary>
    public static bool AllowsTalkTime(this CallOutcome outcome) =>
        outcome is not (CallOutcome.InvalidNumber or CallOutcome.NoAnswer or CallOutcome.Busy);
}
