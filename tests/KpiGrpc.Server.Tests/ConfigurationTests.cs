using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Options;
using static KpiGrpc.Server.Tests.Proto;

namespace KpiGrpc.Server.Tests;

public sealed class ConfigurationTests
{
    [Fact]
    public void AddKpiServer_DataDirSwitch_SetsKpiDataDirectory()
    {
        // Arrange
        var builder = WebApplication.CreateBuilder(["--data-dir", "/var/lib/kpi"]);

        // Act
        builder.AddKpiServer();

        // Assert
        Assert.Equal("/var/lib/kpi", builder.Configuration["Kpi:DataDirectory"]);
    }

    [Fact]
    public async Task Start_InvalidSettings_FailsListingEveryError()
    {
        // Arrange
        await using var factory = new SettingsFactory(new Dictionary<string, string?>
        {
            ["Kpi:Watch:DefaultCoalesceInterval"] = "00:05:00",
            ["Kpi:Benchmarks:Kpis:pitch_rat:GoodAtLeast"] = "20",
            ["Kpi:Benchmarks:Campaigns:c1:Kpis:abandon_rate:BadBelow"] = "5",
            ["Kpi:Benchmarks:Campaigns:c1:Kpis:abandon_rate:BadAbove"] = "3",
        });

        // Act
        var error = Assert.Throws<AggregateException>(() => factory.Server);

        // Assert: one failure per options class, each listing all of its errors.
        var messages = string.Join("\n", error.InnerExceptions.Select(inner => Assert.IsType<OptionsValidationException>(inner).Message));
        Assert.Contains("DefaultCoalesceInterval", messages);
        Assert.Contains("pitch_rat: unknown KPI", messages);
        Assert.Contains("abandon_rate: BadBelow (5) is above BadAbove (3)", messages);
    }

    [Fact]
    public async Task Start_InvalidLimits_FailsListingEveryError()
    {
        // Arrange
        await using var factory = new SettingsFactory(new Dictionary<string, string?>
        {
            ["Kpi:Limits:MessageReceiveTimeout"] = "00:00:00",
            ["Kpi:Limits:MaxBufferedRequestBytes"] = "1048576",
            ["Kpi:Limits:MaxStreamsPerConnection"] = "0",
            ["Kpi:Limits:KeepAlivePingDelay"] = "00:00:00.5",
            ["Kpi:Limits:DrainTimeout"] = "-00:00:01",
            ["Kpi:Limits:StopDelay"] = "00:06:00",
        });

        // Act
        var error = Assert.ThrowsAny<Exception>(() => factory.Server);

        // Assert
        var message = Assert.IsType<OptionsValidationException>(error is AggregateException many ? Assert.Single(many.InnerExceptions) : error).Message;
        Assert.Contains("MessageReceiveTimeout", message);
        Assert.Contains("MaxBufferedRequestBytes (1048576) must hold at least one message of the largest size", message);
        Assert.Contains("MaxStreamsPerConnection", message);
        Assert.Contains("KeepAlivePingDelay", message);
        Assert.Contains("DrainTimeout", message);
        Assert.Contains("StopDelay (00:06:00) must not be negative nor over 5 minutes", message);
    }

    [Fact]
    public async Task QueryKpis_CampaignBenchmarkOverride_JudgesWithTheCampaignsBounds()
    {
        // Arrange: campaign "strict" wants a 60% pitch rate and judges from 1 call.
        await using var factory = new SettingsFactory(new Dictionary<string, string?>
        {
            ["Kpi:Benchmarks:Campaigns:strict:MinimumSample"] = "1",
            ["Kpi:Benchmarks:Campaigns:strict:Kpis:pitch_rate:GoodAtLeast"] = "60",
            ["Kpi:Benchmarks:Campaigns:strict:Kpis:pitch_rate:BadBelow"] = "40",
        });
        await factory.Ingest.RecordCallsAsync(Calls(
            Call("s-1", "strict", "op-1", V1.CallOutcome.Pitched, Day.AddHours(9)),
            Call("s-2", "strict", "op-1", V1.CallOutcome.Answered, Day.AddHours(9))));

        // Act
        var group = Assert.Single((await factory.Kpis.QueryKpisAsync(DayOf("strict", V1.GroupDimension.Campaign))).Groups);

        // Assert: 1 pitched / 2 connected = 50%: between 40 and 60, a warning (the default would say good).
        Assert.Equal(50.0, group.Kpis.PitchRate.Value, precision: 9);
        Assert.Equal(V1.KpiStatus.Warning, group.Kpis.PitchRate.Status);
    }

    private sealed class SettingsFactory(IReadOnlyDictionary<string, string?> settings) : KpiServerFactory(settings);
}
