using KpiGrpc.Cli.Compute;
using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Compute;

public sealed class OutcomeSpellingsTests
{
    [Fact]
    public void TryExact_EveryOutcomeNameOfTheFormat_FoundWithItsOutcome()
    {
        foreach (var (name, outcome) in CallCsvFormat.Outcomes)
        {
            Assert.True(OutcomeSpellings.TryExact(name, out var found), name);
            Assert.Equal(outcome, found);
        }
    }

    [Theory]
    [InlineData("BUSY")]            // another case: the caller's any-case look-up
    [InlineData("bust")]            // the shape of busy, not its spelling
    [InlineData("sold")]
    [InlineData("")]
    [InlineData("é")]
    [InlineData("an_outcome_name_longer_than_any_slot_holds")]
    public void TryExact_AnythingElse_NotFound(string text)
    {
        Assert.False(OutcomeSpellings.TryExact(text, out var outcome));
        Assert.Equal(default(CallOutcome), outcome);
    }
}
