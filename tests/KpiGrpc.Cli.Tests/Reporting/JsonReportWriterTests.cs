using System.Text.Json;
using KpiGrpc.Cli.Reporting;

namespace KpiGrpc.Cli.Tests.Reporting;

public sealed class JsonReportWriterTests
{
    private static JsonElement WriteOne()
    {
        var output = new StringWriter();
        new JsonReportWriter(output).Write(ReportSamples.OperatorByDayInParis, [ReportSamples.WithoutAppointments()]);
        var line = Assert.Single(output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        return JsonDocument.Parse(line).RootElement;
    }

    [Fact]
    public void Write_OneGroup_WritesOneObjectWithTheCsvColumnNames()
    {
        // Act
        var json = WriteOne();

        // Assert
        var names = json.EnumerateObject().Select(p => p.Name).Where(n => !n.EndsWith("_status")).ToList();
        Assert.Equal(ReportColumns.Header(ReportSamples.OperatorByDayInParis), names);
    }

    [Fact]
    public void Write_AbsentKpi_IsNullWithNullStatus()
    {
        // Act
        var json = WriteOne();

        // Assert
        Assert.Equal(JsonValueKind.Null, json.GetProperty("close_rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("close_rate_status").ValueKind);
    }

    [Fact]
    public void Write_PresentKpi_HasValueAndStatusName()
    {
        // Act
        var json = WriteOne();

        // Assert
        Assert.Equal(95, json.GetProperty("list_validity_rate").GetDouble());
        Assert.Equal("good", json.GetProperty("list_validity_rate_status").GetString());
        Assert.Equal("not_enough_data", json.GetProperty("conversion_rate_status").GetString());
        Assert.Equal("2026-03-29T00:00:00+01:00", json.GetProperty("period_start").GetString());
        Assert.Equal(40, json.GetProperty("dialed").GetInt64());
        Assert.True(json.GetProperty("logged_hours_estimated").GetBoolean());
    }
}
