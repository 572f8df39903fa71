using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;
using static KpiGrpc.Core.Tests.TestData;

namespace KpiGrpc.Core.Tests.Validation;

/// <summary>What an id may hold: printable text, at most 200 characters counted as Unicode code points.</summary>
public sealed class IdCharactersValidationTests
{
    private readonly RecordValidator _validator = new(new FixedTimeProvider(Now));

    public static TheoryData<string, string> ControlCharacterInEveryId()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in new[] { "call_id", "campaign_id", "operator_id", "team_id", "lead_id", "session_id", "session.operator_id", "session.team_id", "session.campaign_id", "result.call_id" })
        {
            // NUL, a C0 control, DEL and a C1 control (NEL), each in the middle of an id.
            foreach (var control in new[] { "\0", "\u001B", "\u007F", "\u0085" })
            {
                data.Add(field, control);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ControlCharacterInEveryId))]
    public void Validate_ControlCharacterInAnId_RefusedNamingTheFieldAndCharacter(string field, string control)
    {
        // Arrange
        var id = $"id{control}9";

        // Act
        var violation = field switch
        {
            "call_id" => _validator.Validate(Call(id: id)),
            "campaign_id" => _validator.Validate(Call(campaign: id)),
            "operator_id" => _validator.Validate(Call(operatorId: id)),
            "team_id" => _validator.Validate(Call(team: id)),
            "lead_id" => _validator.Validate(Call(lead: id)),
            "session_id" => _validator.Validate(Session(Now.AddHours(-2), Now.AddHours(-1), id: id)),
            "session.operator_id" => _validator.Validate(Session(Now.AddHours(-2), Now.AddHours(-1), operatorId: id)),
            "session.team_id" => _validator.Validate(Session(Now.AddHours(-2), Now.AddHours(-1), team: id)),
            "session.campaign_id" => _validator.Validate(Session(Now.AddHours(-2), Now.AddHours(-1), campaign: id)),
            _ => _validator.Validate(new AppointmentResult(id, AppointmentResultKind.Sale, Now.AddHours(-1))),
        };

        // Assert
        var name = field[(field.IndexOf('.') + 1)..];
        Assert.Equal(
            new RecordViolation(name, $"{name} contains a control character (U+{(int)control[0]:X4}); ids must be printable text"),
            violation);
    }

    [Theory]
    [InlineData("é")]        // 1 UTF-16 unit, 2 UTF-8 bytes
    [InlineData("😀")]       // 2 UTF-16 units (a surrogate pair), 4 UTF-8 bytes
    [InlineData("\u00A0")]   // no-break space: not a control character
    public void Validate_200CharactersOutsideAscii_Valid(string character)
    {
        var call = Call(id: "c" + string.Concat(Enumerable.Repeat(character, RecordValidator.MaxIdLength - 1)));

        var violation = _validator.Validate(call);

        Assert.Null(violation);
    }

    [Fact]
    public void Validate_201Emoji_RefusedAsLongerThan200Characters()
    {
        var call = Call(lead: string.Concat(Enumerable.Repeat("😀", RecordValidator.MaxIdLength + 1)));

        var violation = _validator.Validate(call);

        Assert.Equal(new RecordViolation("lead_id", "lead_id is longer than 200 characters"), violation);
    }
}
