using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Tests.Mapping;

/// <summary>The Core catalogue and the kpi.v1.Kpis message name the same KPIs, in the same order.</summary>
public sealed class KpiCatalogueProtoTests
{
    private static readonly IReadOnlyList<string> ProtoFields =
        [.. V1.Kpis.Descriptor.Fields.InDeclarationOrder().Select(field => field.Name)];

    private static readonly IReadOnlyList<string> CatalogueFields = [.. KpiCatalogue.All.Select(kpi => kpi.Field)];

    [Fact]
    public void ProtoKpis_EveryField_IsDefinedInTheCatalogue()
    {
        // Act
        var undefined = ProtoFields.Except(CatalogueFields);

        // Assert: a field here but not in KpiCatalogue would never be filled by the server.
        Assert.Empty(undefined);
    }

    [Fact]
    public void Catalogue_EveryKpi_IsAProtoFieldOfTheSameName()
    {
        // Act
        var missing = CatalogueFields.Except(ProtoFields);

        // Assert: a KPI the proto lacks could not reach any client.
        Assert.Empty(missing);
    }

    [Fact]
    public void Catalogue_Order_IsTheProtoDeclarationOrder()
    {
        // Assert: report columns (catalogue order) and clients that follow the descriptor agree.
        Assert.Equal(ProtoFields, CatalogueFields);
    }

    [Fact]
    public void ToProto_EveryKpiHasAValue_SetsEveryProtoFieldToItsValue()
    {
        // Arrange: every denominator above zero, so every KPI has a value
        var counters = new KpiCounters(Dialed: 200, Connected: 190, Answered: 80, Rejected: 8, Pitched: 40,
            Appointments: 8, Sales: 3, Dropped: 2, TalkMilliseconds: 600_000, LoggedMilliseconds: 9_000_000);
        var kpis = KpiCalculator.Compute(counters, counters.LoggedHours, BenchmarkSet.ArticleDefaults);

        // Act
        var message = KpiGroupMapper.ToProto(kpis);

        // Assert
        Assert.All(KpiCatalogue.All, kpi =>
        {
            var field = Assert.IsType<V1.KpiValue>(V1.Kpis.Descriptor.FindFieldByName(kpi.Field).Accessor.GetValue(message));
            var expected = Assert.NotNull(kpis[kpi.Name]);
            Assert.Equal(expected.Value, field.Value);
            Assert.Equal((int)expected.Status, (int)field.Status);
            Assert.Equal(expected.StatusCertain, field.StatusCertain);
            Assert.Equal(expected.Interval?.Lower, field.Interval?.Lower);
            Assert.Equal(expected.Interval?.Upper, field.Interval?.Upper);
        });
    }

    [Fact]
    public void ToProto_RateMeasuredOnManyCalls_CarriesItsIntervalAndACertainStatus()
    {
        // Arrange: 190 of 200 dialed reached a line: 95%, 91.0% to 97.3%, across the 95% "good" bound.
        var counters = KpiCounters.Zero with { Dialed = 200, Connected = 190, Answered = 100, Pitched = 10 };
        var kpis = KpiCalculator.Compute(counters, loggedHours: 4, BenchmarkSet.ArticleDefaults);

        // Act
        var message = KpiGroupMapper.ToProto(kpis);

        // Assert
        Assert.Equal(91.0, message.ListValidityRate.Interval.Lower, 1);
        Assert.Equal(97.3, message.ListValidityRate.Interval.Upper, 1);
        Assert.False(message.ListValidityRate.StatusCertain);
        // 10 of 190 connected pitched: 5.3%, 2.9% to 9.4%, all under 20%: bad, not by chance.
        Assert.Equal(V1.KpiStatus.Bad, message.PitchRate.Status);
        Assert.True(message.PitchRate.StatusCertain);
        Assert.Null(Assert.IsType<V1.KpiValue>(message.CallsPerHour).Interval); // 50 an hour: not a rate
    }

    [Fact]
    public void ToProto_AbsentKpis_LeavesTheirFieldsUnset()
    {
        // Arrange: calls but nobody answered and no logged time: answered-based KPIs and calls per hour are absent
        var kpis = KpiCalculator.Compute(KpiCounters.Zero with { Dialed = 10, Connected = 4 }, 0, BenchmarkSet.ArticleDefaults);

        // Act
        var message = KpiGroupMapper.ToProto(kpis);

        // Assert
        Assert.Null(message.AbandonRate);
        Assert.Null(message.CallsPerHour);
        Assert.Equal(40.0, message.ListValidityRate.Value, 9);
    }
}
