using System.CommandLine;
using KpiGrpc.Cli.Commands;

namespace KpiGrpc.Cli.Tests.Commands;

public sealed class CommandOptionsTests
{
    [Fact]
    public void BatchSize_OneOverTheServerLimit_RefusedBeforeAnythingIsSent()
    {
        // Arrange: 50,000 is what the server takes in one batch.
        var option = BatchSizeOption.Create(defaultSize: 5000);
        var parse = new RootCommand { option }.Parse(["--batch-size", "50001"]);

        // Act
        var ex = Assert.Throws<CliUsageException>(() => BatchSizeOption.Read(parse, option));

        // Assert
        Assert.Equal("--batch-size must be between 1 and 50000, not 50001", ex.Message);
    }

    [Theory]
    [InlineData("import")]
    [InlineData("compute")]
    public void BatchSize_Help_NamesTheServerLimit(string command)
    {
        // Act
        var option = KpiCommandLine.Create().Subcommands.Single(c => c.Name == command).Options.Single(o => o.Name == "--batch-size");

        // Assert
        Assert.Equal("Records per batch (1 to 50000)", option.Description);
    }

    [Fact]
    public void BatchSize_TheServerLimit_Accepted()
    {
        // Arrange
        var option = BatchSizeOption.Create(defaultSize: 5000);
        var parse = new RootCommand { option }.Parse(["--batch-size", "50000"]);

        // Act + Assert
        Assert.Equal(50_000, BatchSizeOption.Read(parse, option));
    }

    [Theory]
    [InlineData("Asia/Kolkata", "Asia/Kolkata")]
    [InlineData(null, "UTC")]
    public void TimeZone_IanaNameOrNone_TheZoneOrUtc(string? name, string expected)
    {
        // Arrange
        var option = TimeZoneOption.Create("zone");
        var parse = new RootCommand { option }.Parse(name is null ? [] : ["--tz", name]);

        // Act
        var zone = TimeZoneOption.Read(parse, option);

        // Assert
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(expected), zone);
    }

    [Fact]
    public void TimeZone_UnknownName_UsageErrorNamingTheOption()
    {
        // Arrange
        var option = TimeZoneOption.Create("zone");
        var parse = new RootCommand { option }.Parse(["--tz", "Mars/Olympus_Mons"]);

        // Act
        var ex = Assert.Throws<CliUsageException>(() => TimeZoneOption.Read(parse, option));

        // Assert
        Assert.Equal("--tz: unknown time zone 'Mars/Olympus_Mons': use an IANA name such as Europe/Paris", ex.Message);
    }

    [Fact]
    public void Kpis_TwoNamesAnyOrderAndCase_ThoseColumnsInCatalogueOrder()
    {
        // Arrange
        var options = new QueryOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parse = command.Parse(["--kpis", "Conversion_Rate,answer_rate"]);

        // Act
        var layout = options.ReadLayout(parse);

        // Assert
        Assert.Equal(["answer_rate", "conversion_rate"], layout.Kpis.Select(k => k.Name));
    }

    [Fact]
    public void Kpis_UnknownName_UsageErrorListingTheKpis()
    {
        // Arrange
        var options = new QueryOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parse = command.Parse(["--kpis", "answer_rate,happiness"]);

        // Act
        var ex = Assert.Throws<CliUsageException>(() => options.ReadLayout(parse));

        // Assert
        Assert.StartsWith("--kpis: 'happiness' is not a KPI; choose from list_validity_rate, answer_rate,", ex.Message);
    }

    [Fact]
    public void GroupBy_WeekdayAndHourWithCampaign_KeyColumnsIdsFirstThenLocalTime()
    {
        // Arrange
        var options = new QueryOptions();
        var command = new RootCommand();
        options.AddTo(command);
        var parse = command.Parse(["--group-by", "hour_of_day,weekday,campaign", "--tz", "Europe/Paris"]);

        // Act
        var layout = options.ReadLayout(parse);

        // Assert
        Assert.Equal(["campaign_id", "weekday", "hour_of_day"], layout.KeyColumns);
        var key = new KpiGrpc.V1.GroupKey { CampaignId = "solar", Weekday = KpiGrpc.V1.Weekday.Sunday, HourOfDay = 9 };
        Assert.Equal(["solar", "7", "9"], layout.KeyValues(key));
        Assert.Equal(["solar", "Sun", "09h"], layout.KeyLabels(key));
    }
}
