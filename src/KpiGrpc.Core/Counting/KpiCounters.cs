using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Records;

namespace KpiGrpc.Core.Counting;

/// <summary>
/// The additive counts every KPI is computed from. Durations are whole milliseconds so that
/// adding and later subtracting a corrected record leaves no floating-point residue.
/// </summary>
public readonly record struct KpiCounters(
    long Dialed,
    long Connected,
    long Answered,
    long Rejected,
    long Pitched,
    long Appointments,
    long Sales,
    long Dropped,
    long TalkMilliseconds,
    long LoggedMilliseconds)
{
    public static readonly KpiCounters Zero = default;

    public double TalkSeconds => TalkMilliseconds / 1000.0;

    public double LoggedHours => LoggedMilliseconds / 3_600_000.0;

    public bool IsZero =>
        (Dialed | Connected | Answered | Rejected | Pitched | Appointments | Sales | Dropped | TalkMilliseconds | LoggedMilliseconds) == 0;

    /// <summary>What one call adds; <paramref name="isSale"/> is its appointment's latest result.</summary>
    public static KpiCounters FromCall<TCall>(in TCall call, bool isSale)
        where TCall : IKeptCall<TCall> => new(
        Dialed: 1,
        Connected: call.Outcome.IsConnected() ? 1 : 0,
        Answered: call.Outcome.IsAnswered() ? 1 : 0,
        Rejected: call.Outcome == CallOutcome.Rejected || call.RemovalRequested ? 1 : 0,
        Pitched: call.Outcome.IsPitched() ? 1 : 0,
        Appointments: call.Outcome.IsAppointment() ? 1 : 0,
        Sales: call.Outcome.IsAppointment() && isSale ? 1 : 0,
        Dropped: call.Outcome == CallOutcome.Dropped ? 1 : 0,
        TalkMilliseconds: call.TalkMilliseconds,
        LoggedMilliseconds: 0);

    /// <summary>Logged-in time only.</summary>
    public static KpiCounters FromLoggedTime(TimeSpan logged) =>
        Zero with { LoggedMilliseconds = (long)Math.Round(logged.TotalMilliseconds) };

    /// <summary>A sale (or its withdrawal, with -1) on an appointment already counted.</summary>
    public static KpiCounters FromSales(long sales) => Zero with { Sales = sales };

    public static long ToMilliseconds(double seconds) => (long)Math.Round(seconds * 1000.0, MidpointRounding.AwayFromZero);

    public static KpiCounters operator +(KpiCounters a, KpiCounters b) => new(
        a.Dialed + b.Dialed,
        a.Connected + b.Connected,
        a.Answered + b.Answered,
        a.Rejected + b.Rejected,
        a.Pitched + b.Pitched,
        a.Appointments + b.Appointments,
        a.Sales + b.Sales,
        a.Dropped + b.Dropped,
        a.TalkMilliseconds + b.TalkMilliseconds,
        a.LoggedMilliseconds + b.LoggedMilliseconds);

    public static KpiCounters operator -(KpiCounters a) => new(
        -a.Dialed, -a.Connected, -a.Answered, -a.Rejected, -a.Pitched,
        -a.Appointments, -a.Sales, -a.Dropped, -a.TalkMilliseconds, -a.LoggedMilliseconds);

    public static KpiCounters operator -(KpiCounters a, KpiCounters b) => a + -b;
}
