namespace KpiGrpc.Core.Kpis;

/// <summary>The KPIs the service computes, in report order; each is defined in <see cref="KpiCatalogue"/>.</summary>
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

/// <summary>
/// Every KPI, defined once. To add one: a <see cref="KpiName"/> member, its definition here in
/// the same order, the same field in protos/kpi/v1/kpis.proto, and a hand-worked formula test.
/// </summary>
public static class KpiCatalogue
{
    /// <summary>Every KPI in <see cref="KpiName"/> order: the order of report columns.</summary>
    public static IReadOnlyList<KpiDefinition> All { get; } = Checked(
    [
        new(KpiName.ListValidityRate, "list_validity_rate", "Valid", KpiUnit.Percent,
            "Dialed calls that reached a line: the quality of the list.",
            KpiFormula.Percent(c => c.Connected, of: c => c.Dialed),
            // "> 95%: the list is of good quality"; under 90% we call it bad.
            Benchmark: new(GoodAtLeast: 95, BadBelow: 90)),
        new(KpiName.AnswerRate, "answer_rate", "Answer", KpiUnit.Percent,
            "Dialed calls a person answered; higher is better.",
            KpiFormula.Percent(c => c.Answered, of: c => c.Dialed),
            Benchmark: null),
        new(KpiName.RejectionRate, "rejection_rate", "Reject", KpiUnit.Percent,
            "Dialed calls rejected or asking for removal; high means a targeting problem.",
            KpiFormula.Percent(c => c.Rejected, of: c => c.Dialed),
            Benchmark: null),
        new(KpiName.CallsPerHour, "calls_per_hour", "Dial/h", KpiUnit.CallsPerHour,
            "Dial attempts per logged hour: operator productivity.",
            KpiFormula.PerLoggedHour(c => c.Dialed),
            Benchmark: null),
        new(KpiName.AverageCallDurationSeconds, "average_call_duration_seconds", "Call", KpiUnit.Seconds,
            "Talk seconds per dialed call (the article's literal formula).",
            KpiFormula.Average(c => c.TalkSeconds, per: c => c.Dialed),
            Benchmark: null),
        new(KpiName.AverageConversationSeconds, "average_conversation_seconds", "Talk", KpiUnit.Seconds,
            "Talk seconds per answered call.",
            KpiFormula.Average(c => c.TalkSeconds, per: c => c.Answered),
            // "under 2 minutes rarely converts": shorter conversations are a warning.
            Benchmark: new(GoodAtLeast: 120)),
        new(KpiName.PitchRate, "pitch_rate", "Pitch", KpiUnit.Percent,
            "Connected calls where the offer was presented.",
            KpiFormula.Percent(c => c.Pitched, of: c => c.Connected),
            // "under 20%, revise the script".
            Benchmark: new(GoodAtLeast: 20, BadBelow: 20)),
        new(KpiName.ConversionRate, "conversion_rate", "Conv", KpiUnit.Percent,
            "Pitches that ended in an appointment.",
            KpiFormula.Percent(c => c.Appointments, of: c => c.Pitched),
            // "15%: the operator is performing".
            Benchmark: new(GoodAtLeast: 15)),
        new(KpiName.CloseRate, "close_rate", "Close", KpiUnit.Percent,
            "Appointments whose latest result is a sale (taux de transformation).",
            KpiFormula.Percent(c => c.Sales, of: c => c.Appointments),
            Benchmark: null),
        new(KpiName.AbandonRate, "abandon_rate", "Abdn", KpiUnit.Percent,
            "Answered calls the dialer dropped.",
            KpiFormula.Percent(c => c.Dropped, of: c => c.Answered),
            // Dialer compliance limit (US FTC, UK Ofcom): 3% of answered calls.
            Benchmark: new(GoodAtMost: 3, BadAbove: 3)),
    ]);

    /// <summary>The definition of <paramref name="name"/>.</summary>
    public static KpiDefinition Of(KpiName name) => All[(int)name];

    /// <summary>The KPI whose field is <paramref name="field"/> (any case, as in configuration), or null.</summary>
    public static KpiDefinition? Find(string field) =>
        All.FirstOrDefault(kpi => string.Equals(kpi.Field, field, StringComparison.OrdinalIgnoreCase));

    // Of indexes by the enum's value, and KpiSet stores values the same way: a definition out
    // of order or missing would read another KPI's figures.
    private static KpiDefinition[] Checked(KpiDefinition[] definitions)
    {
        for (var i = 0; i < definitions.Length; i++)
        {
            if ((int)definitions[i].Name != i)
            {
                throw new InvalidOperationException($"KpiCatalogue lists {definitions[i].Name} where KpiName order expects {(KpiName)i}.");
            }
        }

        if (Enum.IsDefined(typeof(KpiName), definitions.Length))
        {
            throw new InvalidOperationException($"KpiCatalogue has no definition for {(KpiName)definitions.Length}.");
        }

        return definitions;
    }
}
