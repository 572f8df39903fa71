namespace KpiGrpc.Core.Kpis;

/// <summary>The KPIs the service computes; names match the proto fields and CSV columns.</summary>
public enum KpiName
{
    ListValidityRate,
    AnswerRate,
    RejectionRate,
    CallsPerHour,
    AverageCallDurationSeconds,
    AverageConversationSeconds,
    PitchRate,
    ConversionRate,
    CloseRate,
    AbandonRate,
}

public static class KpiNames
{
    public static readonly IReadOnlyList<KpiName> All = Enum.GetValues<KpiName>();

    /// <summary>snake_case, as in the proto, the CSV header and the configuration.</summary>
    public static string ToSnakeCase(this KpiName name) => name switch
    {
        KpiName.ListValidityRate => "list_validity_rate",
        KpiName.AnswerRate => "answer_rate",
        KpiName.RejectionRate => "rejection_rate",
        KpiName.CallsPerHour => "calls_per_hour",
        KpiName.AverageCallDurationSeconds => "average_call_duration_seconds",
        KpiName.AverageConversationSeconds => "average_conversation_seconds",
        KpiName.PitchRate => "pitch_rate",
        KpiName.ConversionRate => "conversion_rate",
        KpiName.CloseRate => "close_rate",
        KpiName.AbandonRate => "abandon_rate",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };
}
