using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Cli.Reporting;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Reporting;

/// <summary>Groups as the server would send them, for the writer tests.</summary>
internal static class ReportSamples
{
    public static TimeZoneInfo Paris { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static ReportLayout OperatorByDayInParis { get; } =
        new([GroupDimension.Operator], Granularity.Day, Paris);

    /// <summary>
    /// op-1 on 29 March 2026 (Paris midnight is 23:00 UTC the day before): 40 dialed, 38 connected,
    /// 20 answered, 10 pitched, 0 appointments, so close_rate (sales / appointments) is absent.
    /// </summary>
    public static KpiGroup WithoutAppointments() => new()
    {
        Key = new GroupKey
        {
            OperatorId = "op-1",
            PeriodStart = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero)),
            PeriodEnd = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero)),
        },
        Counts = new KpiCounts
        {
            Dialed = 40, Connected = 38, Answered = 20, Rejected = 4, Pitched = 10, Appointments = 0,
            Sales = 0, Dropped = 1, TalkSeconds = 1234.5, LoggedHours = 2.5, LoggedHoursEstimated = true,
        },
        Kpis = new Kpis
        {
            ListValidityRate = new KpiValue { Value = 95, Status = KpiStatus.Good, Interval = new KpiInterval { Lower = 83.49612263085902, Upper = 98.61793326138516 } }, // 38 / 40
            AnswerRate = new KpiValue { Value = 50, Status = KpiStatus.NoBenchmark, Interval = new KpiInterval { Lower = 35.19952693346538, Upper = 64.80047306653462 } }, // 20 / 40
            RejectionRate = new KpiValue { Value = 10, Status = KpiStatus.Warning, Interval = new KpiInterval { Lower = 3.9579528682606364, Upper = 23.0517752275223 } }, // 4 / 40
            CallsPerHour = new KpiValue { Value = 16, Status = KpiStatus.Good },           // 40 / 2.5
            AverageCallDurationSeconds = new KpiValue { Value = 30.8625, Status = KpiStatus.NoBenchmark },
            AverageConversationSeconds = new KpiValue { Value = 61.725, Status = KpiStatus.Bad },
            PitchRate = new KpiValue { Value = 26.315789473684209, Status = KpiStatus.Good, Interval = new KpiInterval { Lower = 14.97162125479814, Upper = 42.00884618746636 } }, // 10 / 38
            ConversionRate = new KpiValue { Value = 0, Status = KpiStatus.NotEnoughData, Interval = new KpiInterval { Lower = 0, Upper = 27.75327998628892 } }, // 0 / 10
            AbandonRate = new KpiValue { Value = 5, Status = KpiStatus.Bad, Interval = new KpiInterval { Lower = 0.8881448800795402, Upper = 23.613119344674203 } }, // 1 / 20
        },
    };
}
