using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Validation;

public sealed class CallIdValidationTests
{
    private readonly RecordValidator _validator = new(new FixedTimeProvider(Now));

    private static readonly string TooLong = new('x', RecordValidator.MaxIdLength + 1);

    [Fact]
    public void Validate_CompleteCall_IsValid()
    {
        var call = Call(outcome: CallOutcome.Appointment, talkSeconds: 245.5, removalRequested: false, lead: "lead-9");

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("campaign_id")]
    [InlineData("operator_id")]
    public void Validate_MissingRequiredId_NamesTheField(string field)
    {
        var call = field switch
        {
            "call_id" => Call(id: ""),
            "campaign_id" => Call(campaign: "  "),
            _ => Call(operatorId: ""),
        };

        var violation = _validator.Validate(call);

        Assert.Equal(new RecordViolation(field, $"{field} is required"), violation);
    }

    [Fact]
    public void Validate_NoTeamAndNoLead_IsValid()
    {
        var call = Call(team: "", lead: "");

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }

    [Theory]
    [InlineData("call_id")]
    [InlineData("campaign_id")]
    [InlineData("operator_id")]
    [InlineData("team_id")]
    [InlineData("lead_id")]
    public void Validate_IdLongerThan200_NamesTheField(string field)
    {
        var call = field switch
        {
            "call_id" => Call(id: TooLong),
            "campaign_id" => Call(campaign: TooLong),
            "operator_id" => Call(operatorId: TooLong),
            "team_id" => Call(team: TooLong),
            _ => Call(lead: TooLong),
        };

        var violation = _validator.Validate(call);

        Assert.Equal(field, violation?.Field);
        Assert.Contains("longer than 200", violation?.Reason);
    }

    [Fact]
    public void Validate_IdOfExactly200Characters_IsValid()
    {
        var call = Call(id: new string('x', RecordValidator.MaxIdLength));

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Validate_UnknownOutcome_IsRefused(int outcome)
    {
        var call = Call(outcome: (CallOutcome)outcome);

        var violation = _validator.Validate(call);

        Assert.Equal("outcome", violation?.Field);
        Assert.Contains("required", violation?.Reason);
    }

    [Fact]
    public void Validate_NegativeRevision_IsRefused()
    {
        var call = Call(revision: -1);

        var violation = _validator.Validate(call);

        Assert.Equal(new RecordViolation("revision", "revision must be 0 or more"), violation);
    }
}
