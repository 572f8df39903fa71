using KpiGrpc.V1;

namespace KpiGrpc.Cli.Reporting;

/// <summary>A count column: its name and how to read it.</summary>
internal sealed record CountColumn(string Name, Func<KpiCounts, double> Value);

/// <summary>A KPI column: its name and how to read it (null when the KPI is absent).</summary>
internal sealed record KpiColumn(string Name, Func<Kpis, KpiValue?> Value, KpiUnit Unit);

/// <summary>How a KPI value reads to a person.</summary>
internal enum KpiUnit
{
    Percent,
    Seconds,
    CallsPerHour,
}

/// <summary>The count and KPI columns of every report format, in order, with the names scripts rely on.</summary>
internal static class ReportColumns
{
    public const string LoggedHoursEstimated = "logged_hours_estimated";

    /// <summary>The counts before logged_hours_estimated.</summary>
    public static IReadOnlyList<CountColumn> Counts { get; } =
    [
        new("dialed", c => c.Dialed),
        new("connected", c => c.Connected),
        new("answered", c => c.Answered),
        new("rejected", c => c.Rejected),
        new("pitched", c => c.Pitched),
        new("appointments", c => c.Appointments),
        new("sales", c => c.Sales),
        new("dropped", c => c.Dropped),
        new("talk_seconds", c => c.TalkSeconds),
        new("logged_hours", c => c.LoggedHours),
    ];

    public static IReadOnlyList<KpiColumn> Kpis { get; } =
    [
        new("list_validity_rate", k => k.ListValidityRate, KpiUnit.Percent),
        new("answer_rate", k => k.AnswerRate, KpiUnit.Percent),
        new("rejection_rate", k => k.RejectionRate, KpiUnit.Percent),
        new("calls_per_hour", k => k.CallsPerHour, KpiUnit.CallsPerHour),
        new("average_call_duration_seconds", k => k.AverageCallDurationSeconds, KpiUnit.Seconds),
        new("average_conversation_seconds", k => k.AverageConversationSeconds, KpiUnit.Seconds),
        new("pitch_rate", k => k.PitchRate, KpiUnit.Percent),
        new("conversion_rate", k => k.ConversionRate, KpiUnit.Percent),
        new("close_rate", k => k.CloseRate, KpiUnit.Percent),
        new("abandon_rate", k => k.AbandonRate, KpiUnit.Percent),
    ];

    /// <summary>Every column of a CSV report for <paramref name="layout"/>, in order.</summary>
    public static IReadOnlyList<string> Header(ReportLayout layout) =>
        [.. layout.KeyColumns, .. Counts.Select(c => c.Name), LoggedHoursEstimated, .. Kpis.Select(k => k.Name)];

    /// <summary>The status as scripts spell it, e.g. "not_enough_data".</summary>
    public static string StatusName(KpiStatus status) => status switch
    {
        KpiStatus.Good => "good",
        KpiStatus.Warning => "warning",
        KpiStatus.Bad => "bad",
        KpiStatus.NotEnoughData => "not_enough_data",
        KpiStatus.NoBenchmark => "no_benchmark",
        _ => "unspecified",
    };
}
