namespace KpiGrpc.Core.Kpis;

/// <summary>The KPIs of one group; null where the denominator is zero.</summary>
public sealed record KpiSet(
    KpiValue? ListValidityRate,
    KpiValue? AnswerRate,
    KpiValue? RejectionRate,
    KpiValue? CallsPerHour,
    KpiValue? AverageCallDurationSeconds,
    KpiValue? AverageConversationSeconds,
    KpiValue? PitchRate,
    KpiValue? ConversionRate,
    KpiValue? CloseRate,
    KpiValue? AbandonRate)
{
    public KpiValue? this[KpiName name] => name switch
    {
        KpiName.ListValidityRate => ListValidityRate,
        KpiName.AnswerRate => AnswerRate,
        KpiName.RejectionRate => RejectionRate,
        KpiName.CallsPerHour => CallsPerHour,
        KpiName.AverageCallDurationSeconds => AverageCallDurationSeconds,
        KpiName.AverageConversationSeconds => AverageConversationSeconds,
        KpiName.PitchRate => PitchRate,
        KpiName.ConversionRate => ConversionRate,
        KpiName.CloseRate => CloseRate,
        KpiName.AbandonRate => AbandonRate,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
