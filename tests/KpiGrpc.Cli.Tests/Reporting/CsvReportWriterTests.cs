using KpiGrpc.Cli.Reporting;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Reporting;

public sealed class CsvReportWriterTests
{
    private static string[] Write(ReportLayout layout, params KpiGroup[] groups)
    {
        var output = new StringWriter();
        new CsvReportWriter(output).Write(layout, groups);
        return output.ToString().Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Write_GroupedByCampaignAndOperatorPerDay_HeaderListsOperatorFirstThenPeriodCountsKpisAndRateIntervals()
    {
        // Arrange
        var layout = new ReportLayout([GroupDimension.Operator, GroupDimension.Campaign], Granularity.Day, TimeZoneInfo.Utc);

        // Act
        var lines = Write(layout);

        // Assert
        Assert.Equal(
            "operator_id,campaign_id,period_start,dialed,connected,answered,rejected,pitched,appointments,sales,dropped,"
            + "talk_seconds,logged_hours,logged_hours_estimated,list_validity_rate,answer_rate,rejection_rate,calls_per_hour,"
            + "average_call_duration_seconds,average_conversation_seconds,pitch_rate,conversion_rate,close_rate,abandon_rate,"
            + "list_validity_rate_lower,list_validity_rate_upper,answer_rate_lower,answer_rate_upper,rejection_rate_lower,rejection_rate_upper,"
            + "pitch_rate_lower,pitch_rate_upper,conversion_rate_lower,conversion_rate_upper,close_rate_lower,close_rate_upper,"
            + "abandon_rate_lower,abandon_rate_upper",
            Assert.Single(lines));
    }

    [Fact]
    public void Write_KpisChosen_HasOnlyThoseKpiColumnsInCatalogueOrder()
    {
        // Arrange: --kpis conversion_rate,answer_rate
        var layout = new ReportLayout([GroupDimension.Team], Granularity.Unspecified, TimeZoneInfo.Utc)
        {
            Kpis = [.. ReportColumns.Kpis.Where(k => k.Name is "conversion_rate" or "answer_rate")],
        };

        // Act
        var header = Write(layout)[0];

        // Assert
        Assert.EndsWith(",logged_hours_estimated,answer_rate,conversion_rate,answer_rate_lower,answer_rate_upper,conversion_rate_lower,conversion_rate_upper", header);
    }

    [Fact]
    public void Write_NoGranularity_HasNoPeriodColumn()
    {
        // Arrange
        var layout = new ReportLayout([GroupDimension.Team], Granularity.Unspecified, TimeZoneInfo.Utc);

        // Act
        var header = Write(layout)[0];

        // Assert
        Assert.StartsWith("team_id,dialed,", header);
    }

    [Fact]
    public void Write_GroupWithoutAppointments_LeavesCloseRateEmptyAndFormatsPeriodInParis()
    {
        // Arrange
        var layout = ReportSamples.OperatorByDayInParis;

        // Act
        var lines = Write(layout, ReportSamples.WithoutAppointments());

        // Assert
        var header = lines[0].Split(',');
        var cells = lines[1].Split(',');
        Assert.Equal(header.Length, cells.Length);
        string Cell(string name) => cells[Array.IndexOf(header, name)];
        Assert.Equal("op-1", Cell("operator_id"));
        Assert.Equal("2026-03-29T00:00:00+01:00", Cell("period_start"));
        Assert.Equal("40", Cell("dialed"));
        Assert.Equal("1234.5", Cell("talk_seconds"));
        Assert.Equal("true", Cell("logged_hours_estimated"));
        Assert.Equal("95", Cell("list_validity_rate"));
        Assert.Equal("26.31578947368421", Cell("pitch_rate"));
        Assert.Equal("0", Cell("conversion_rate"));
        Assert.Equal("", Cell("close_rate"));
        Assert.Equal("0", Cell("conversion_rate_lower"));
        Assert.Equal("27.75327998628892", Cell("conversion_rate_upper"));
        Assert.Equal("", Cell("close_rate_lower"));
    }

    [Fact]
    public void Write_PeriodAfterDstChange_UsesSummerOffset()
    {
        // Arrange: 30 March 2026 starts at 22:00 UTC the day before, Paris being on +02:00 since the 29th.
        var group = ReportSamples.WithoutAppointments();
        group.Key.PeriodStart = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 3, 29, 22, 0, 0, TimeSpan.Zero));

        // Act
        var lines = Write(ReportSamples.OperatorByDayInParis, group);

        // Assert
        Assert.StartsWith("op-1,2026-03-30T00:00:00+02:00,", lines[1]);
    }

    [Fact]
    public void Write_IdWithComma_IsQuoted()
    {
        // Arrange
        var group = ReportSamples.WithoutAppointments();
        group.Key.OperatorId = "Smith, J";

        // Act
        var lines = Write(ReportSamples.OperatorByDayInParis, group);

        // Assert
        Assert.StartsWith("\"Smith, J\",", lines[1]);
    }
}
