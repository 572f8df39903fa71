using KpiGrpc.Cli.Import;
using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Csv;

public sealed class CallCsvFormatTests
{
    private static List<RecordLine<CallRecord>> Read(string csv)
    {
        using var file = CsvRecordFile<CallRecord>.FromText(csv, CallCsvFormat.Instance, "calls.csv");
        return [.. file.ReadLines()];
    }

    [Fact]
    public void ReadLines_ColumnsInAnyOrder_ReadsEachFieldByName()
    {
        // Arrange
        const string csv = """
            outcome,talk_seconds,started_at,operator_id,call_id,campaign_id,team_id,lead_id,removal_requested,revision
            pitched,185.5,2026-03-28T09:15:00+01:00,op-1,c-1,camp-1,team-1,L-9,true,2
            """;

        // Act
        var line = Assert.Single(Read(csv));

        // Assert
        Assert.True(line.IsValid, line.Error);
        Assert.Equal(2, line.LineNumber);
        var call = line.Record!;
        Assert.Equal("c-1", call.CallId);
        Assert.Equal("camp-1", call.CampaignId);
        Assert.Equal("op-1", call.OperatorId);
        Assert.Equal("team-1", call.TeamId);
        Assert.Equal("L-9", call.LeadId);
        Assert.Equal(CallOutcome.Pitched, call.Outcome);
        Assert.Equal(185.5, call.TalkSeconds);
        Assert.True(call.RemovalRequested);
        Assert.Equal(2, call.Revision);
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 15, 0, TimeSpan.Zero), call.StartedAt.ToDateTimeOffset());
    }

    [Fact]
    public void ReadLines_OptionalColumnsAbsent_UsesEmptyAndZeroDefaults()
    {
        // Arrange
        const string csv = "call_id,campaign_id,operator_id,started_at,outcome\nc-1,camp-1,op-1,2026-03-28T08:00:00Z,busy\n";

        // Act
        var call = Assert.Single(Read(csv)).Record!;

        // Assert
        Assert.Equal("", call.TeamId);
        Assert.Equal("", call.LeadId);
        Assert.Equal(0, call.TalkSeconds);
        Assert.False(call.RemovalRequested);
        Assert.Equal(0, call.Revision);
        Assert.Equal(CallOutcome.Busy, call.Outcome);
    }

    [Fact]
    public void ReadLines_QuotedFieldWithComma_KeepsTheComma()
    {
        // Arrange
        const string csv = "call_id,campaign_id,operator_id,lead_id,started_at,outcome\nc-1,camp-1,op-1,\"L-17, annex\",2026-03-28T08:00:00Z,answered\n";

        // Act
        var call = Assert.Single(Read(csv)).Record!;

        // Assert
        Assert.Equal("L-17, annex", call.LeadId);
        Assert.Equal(CallOutcome.Answered, call.Outcome);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public void ReadLines_BooleanSpellings_AreRead(string text, bool expected)
    {
        // Arrange
        var csv = $"call_id,campaign_id,operator_id,started_at,outcome,removal_requested\nc-1,camp-1,op-1,2026-03-28T08:00:00Z,rejected,{text}\n";

        // Act
        var call = Assert.Single(Read(csv)).Record!;

        // Assert
        Assert.Equal(expected, call.RemovalRequested);
    }

    [Fact]
    public void ReadLines_EveryOutcomeName_MapsToItsEnumValue()
    {
        // Arrange
        string[] names = ["invalid_number", "no_answer", "busy", "voicemail", "dropped", "rejected", "answered", "pitched", "appointment"];
        var csv = "call_id,campaign_id,operator_id,started_at,outcome\n"
            + string.Concat(names.Select((n, i) => $"c-{i},camp,op,2026-03-28T08:00:00Z,{n}\n"));

        // Act
        var outcomes = Read(csv).Select(l => l.Record!.Outcome).ToList();

        // Assert
        Assert.Equal(Enumerable.Range(1, 9).Select(i => (CallOutcome)i), outcomes);
    }

    [Theory]
    [InlineData("outcome", "sold", "outcome: 'sold' is not one of invalid_number")]
    [InlineData("started_at", "2026-03-28T09:15:00", "started_at: '2026-03-28T09:15:00' has no UTC offset")]
    [InlineData("started_at", "28/03/2026 09:15", "started_at: '28/03/2026 09:15' is not an ISO-8601 instant")]
    [InlineData("removal_requested", "yes", "removal_requested: 'yes' is not a boolean")]
    [InlineData("talk_seconds", "1,5", "talk_seconds: '1,5' is not a number")]
    public void ReadLines_UnreadableField_ReportsLineNumberAndReason(string column, string value, string expectedStart)
    {
        // Arrange
        var fields = new Dictionary<string, string>
        {
            ["call_id"] = "c-2", ["campaign_id"] = "camp", ["operator_id"] = "op",
            ["started_at"] = "2026-03-28T08:00:00Z", ["outcome"] = "answered", ["removal_requested"] = "", ["talk_seconds"] = "3",
        };
        fields[column] = value;
        var header = string.Join(',', fields.Keys);
        var bad = string.Join(',', fields.Values.Select(v => v.Contains(',') ? $"\"{v}\"" : v));
        var csv = $"{header}\nc-1,camp,op,2026-03-28T08:00:00Z,answered,,3\n{bad}\n";

        // Act
        var lines = Read(csv);

        // Assert
        Assert.True(lines[0].IsValid);
        Assert.False(lines[1].IsValid);
        Assert.Equal(3, lines[1].LineNumber);
        Assert.StartsWith(expectedStart, lines[1].Error);
    }

    [Fact]
    public void ReadLines_BlankLineInTheMiddle_IsSkippedAndLineNumbersStayTrue()
    {
        // Arrange
        const string csv = "call_id,campaign_id,operator_id,started_at,outcome\nc-1,camp,op,2026-03-28T08:00:00Z,busy\n\nc-2,camp,op,2026-03-28T08:00:00Z,bogus\n";

        // Act
        var lines = Read(csv);

        // Assert
        Assert.Equal(2, lines.Count);
        Assert.Equal(4, lines[1].LineNumber);
    }

    [Fact]
    public void Open_MissingRequiredColumns_ThrowsNamingEveryOne()
    {
        // Arrange
        const string csv = "call_id,operator_id,started_at\nc-1,op,2026-03-28T08:00:00Z\n";

        // Act
        var error = Assert.Throws<CsvSchemaException>(() => Read(csv));

        // Assert
        Assert.Contains("calls.csv: missing required columns campaign_id, outcome", error.Message);
    }

    [Fact]
    public void Open_ExtraColumn_IsListedAsIgnored()
    {
        // Arrange
        const string csv = "call_id,campaign_id,operator_id,started_at,outcome,notes\nc-1,camp,op,2026-03-28T08:00:00Z,busy,hello\n";

        // Act
        using var file = CsvRecordFile<CallRecord>.FromText(csv, CallCsvFormat.Instance);

        // Assert
        Assert.Equal(["notes"], file.IgnoredColumns);
    }

    [Fact]
    public void Open_EmptyFile_ThrowsAskingForAHeader()
    {
        // Act
        var error = Assert.Throws<CsvSchemaException>(() => Read(""));

        // Assert
        Assert.Contains("empty", error.Message);
    }
}
