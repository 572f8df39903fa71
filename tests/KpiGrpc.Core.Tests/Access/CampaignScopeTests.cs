using KpiGrpc.Core.Access;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Core.Tests.Access;

public sealed class CampaignScopeTests
{
    private static readonly CampaignScope SolarAndGas = CampaignScope.Of(["solar", "gas"]);

    [Fact]
    public void Restrict_NoCampaignFilter_ScopeCampaigns()
    {
        // Act
        var filter = SolarAndGas.Restrict(KpiFilter.All with { TeamIds = new HashSet<string> { "north" } });

        // Assert
        Assert.Equal(["gas", "solar"], filter.CampaignIds.Order());
        Assert.Equal(["north"], filter.TeamIds);
    }

    [Fact]
    public void Restrict_FilterOfInAndOutCampaigns_OnlyTheInOnes()
    {
        // Act
        var filter = SolarAndGas.Restrict(KpiFilter.All with { CampaignIds = new HashSet<string> { "solar", "wind" } });

        // Assert
        Assert.Equal(["solar"], filter.CampaignIds);
    }

    [Fact]
    public void Restrict_FilterOfForeignCampaignsOnly_ThrowsNamingThemAndTheScope()
    {
        // Act
        var error = Assert.Throws<CampaignOutOfScopeException>(() => SolarAndGas.Restrict(KpiFilter.All with { CampaignIds = new HashSet<string> { "wind" } }));

        // Assert
        Assert.Equal(["wind"], error.CampaignIds);
        Assert.Equal("the filter names only campaign wind, outside this key's scope (campaigns gas, solar)", error.Message);
    }

    [Fact]
    public void Restrict_Unrestricted_FilterUnchanged()
    {
        // Arrange
        var filter = KpiFilter.All with { CampaignIds = new HashSet<string> { "wind" } };

        // Act, Assert
        Assert.Same(filter, CampaignScope.Unrestricted.Restrict(filter));
    }

    [Fact]
    public void Allows_RestrictedScope_OnlyItsCampaignsNeverTheEmptyOne()
    {
        // Assert
        Assert.True(SolarAndGas.Allows("gas"));
        Assert.False(SolarAndGas.Allows("wind"));
        Assert.False(SolarAndGas.Allows(""));
        Assert.True(CampaignScope.Unrestricted.Allows(""));
    }
}
