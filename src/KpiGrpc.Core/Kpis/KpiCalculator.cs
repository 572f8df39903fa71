using KpiGrpc.Core.Counting;

namespace KpiGrpc.Core.Kpis;

/// <summary>The formulas of the article, as pure functions of the counts.</summary>
public static class KpiCalculator
{
    /// <summary>numerator / denominator x 100, or null when the denominator is zero.</summary>
    public static double? Percent(double numerator, double denominator) => denominator > 0 ? numerator / denominator * 100.0 : null;

    /// <summary>numerator / denominator, or null when the denominator is zero.</summary>
    public static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;

    public static double? ListValidityRate(KpiCounters c) => Percent(c.Connected, c.Dialed);

    public static double? AnswerRate(KpiCounters c) => Percent(c.Answered, c.Dialed);

    public static double? RejectionRate(KpiCounters c) => Percent(c.Rejected, c.Dialed);

    public static double? CallsPerHour(long dialed, double loggedHours) => Ratio(dialed, loggedHours);

    public static double? AverageCallDurationSeconds(KpiCounters c) => Ratio(c.TalkSeconds, c.Dialed);

    public static double? AverageConversationSeconds(KpiCounters c) => Ratio(c.TalkSeconds, c.Answered);

    public static double? PitchRate(KpiCounters c) => Percent(c.Pitched, c.Connected);

    public static double? ConversionRate(KpiCounters c) => Percent(c.Appointments, c.Pitched);

    public static double? CloseRate(KpiCounters c) => Percent(c.Sales, c.Appointments);

    public static double? AbandonRate(KpiCounters c) => Percent(c.Dropped, c.Answered);

    /// <summary>Every KPI with its status; <paramref name="loggedHours"/> is from sessions or estimated.</summary>
    public static KpiSet Compute(KpiCounters c, double loggedHours, BenchmarkSet benchmarks)
    {
        KpiValue? Judge(KpiName name, double? value, long sample) =>
            value is { } v ? new KpiValue(v, benchmarks.Judge(name, v, sample)) : null;

        return new KpiSet(
            Judge(KpiName.ListValidityRate, ListValidityRate(c), c.Dialed),
            Judge(KpiName.AnswerRate, AnswerRate(c), c.Dialed),
            Judge(KpiName.RejectionRate, RejectionRate(c), c.Dialed),
            Judge(KpiName.CallsPerHour, CallsPerHour(c.Dialed, loggedHours), c.Dialed),
            Judge(KpiName.AverageCallDurationSeconds, AverageCallDurationSeconds(c), c.Dialed),
            Judge(KpiName.AverageConversationSeconds, AverageConversationSeconds(c), c.Answered),
            Judge(KpiName.PitchRate, PitchRate(c), c.Connected),
            Judge(KpiName.ConversionRate, ConversionRate(c), c.Pitched),
            Judge(KpiName.CloseRate, CloseRate(c), c.Appointments),
            Judge(KpiName.AbandonRate, AbandonRate(c), c.Answered));
    }
}
