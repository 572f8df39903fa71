using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Import;
using KpiGrpc.Cli.Formats.Asterisk;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Formats;

public sealed class AsteriskCdrTests
{
    private static readonly string Master = SampleFiles.Path("asterisk", "Master.csv");
    private static readonly string NoUniqueId = SampleFiles.Path("asterisk", "Master-no-uniqueid.csv");

    private static List<RecordLine<CallRecord>> Read(string path, AsteriskColumns? columns = null) =>
        SampleFiles.ReadAll(InputFiles.OpenCalls(path, SampleFiles.Options("asterisk", asterisk: columns)));

    [Fact]
    public void OpenCalls_MasterCsv_MapsDispositionsAndTalksOnlyWhenAnswered()
    {
        // Act
        var calls = Read(Master).Select(l => l.Record!).ToList();

        // Assert
        Assert.Equal(["1774685700.1", "1774686000.3", "1774686060.5", "1774686120.6", "1774746600.9"], calls.Select(c => c.CallId));
        Assert.Equal([CallOutcome.Answered, CallOutcome.NoAnswer, CallOutcome.Busy, CallOutcome.InvalidNumber, CallOutcome.Answered], calls.Select(c => c.Outcome));
        Assert.Equal([240d, 0d, 0d, 0d, 120d], calls.Select(c => c.TalkSeconds));
    }

    [Fact]
    public void OpenCalls_DefaultColumns_TakeTheOperatorFromTheChannelAndTheCampaignFromTheAccountCode()
    {
        // Act: SIP/1001-00000001 and PJSIP/1002-0000000a; clid holds doubled quotes
        var calls = Read(Master).Select(l => l.Record!).ToList();

        // Assert
        Assert.Equal(["1001", "1001", "1002", "1002", "1001"], calls.Select(c => c.OperatorId));
        Assert.All(calls, c => Assert.Equal("SOLAR", c.CampaignId));
    }

    [Fact]
    public void OpenCalls_EmptyAnswerAndLocalStartAcrossDst_ReadStartInTheZone()
    {
        // Act
        var calls = Read(Master).Select(l => l.Record!).ToList();

        // Assert: 09:20 +01:00 (answer empty), and 03:10 on 29 March is +02:00
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 20, 0, TimeSpan.Zero), calls[1].StartedAt.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 10, 0, TimeSpan.Zero), calls[4].StartedAt.ToDateTimeOffset());
    }

    [Fact]
    public void OpenCalls_RowsWithoutUniqueId_GetAStableHashOfTheRow()
    {
        // Act
        var first = Read(NoUniqueId);
        var second = Read(NoUniqueId);

        // Assert
        var ids = first.Select(l => l.Record!.CallId).ToList();
        Assert.Equal(ids, second.Select(l => l.Record!.CallId));
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(AsteriskCdrFile.HashId(File.ReadLines(NoUniqueId).First()), ids[0]);
        Assert.Equal(CallOutcome.InvalidNumber, first[2].Record!.Outcome);
    }

    [Fact]
    public void OpenCalls_ConfiguredColumns_TakeOperatorCampaignAndTeamFromThem()
    {
        // Arrange
        var columns = new AsteriskColumns(OperatorFrom: "src", OperatorPattern: null, CampaignFrom: "dcontext", TeamFrom: "userfield");

        // Act
        var calls = Read(Master).Select(l => l.Record!).ToList();
        var configured = Read(Master, columns).Select(l => l.Record!).ToList();

        // Assert
        Assert.Equal(calls.Select(c => c.OperatorId), configured.Select(c => c.OperatorId));
        Assert.All(configured, c => Assert.Equal("from-internal", c.CampaignId));
        Assert.Equal(["", "", "", "", "callback"], configured.Select(c => c.TeamId));
    }

    [Fact]
    public void OpenCalls_ValueNotMatchingThePattern_IsReportedPerLine()
    {
        // Arrange
        var columns = AsteriskColumns.Default with { OperatorFrom = "dstchannel", OperatorPattern = "^SIP/(\\d+)-" };

        // Act
        var lines = Read(Master, columns);

        // Assert: dstchannel is the trunk, or empty
        Assert.All(lines, l => Assert.False(l.IsValid));
        Assert.Equal("dstchannel: 'SIP/trunk-00000002' does not match the operator pattern '^SIP/(\\d+)-'", lines[0].Error);
        Assert.Equal("dstchannel: is empty, and the operator is required: choose another operator column", lines[2].Error);
    }

    [Theory]
    [InlineData("agent", null, "Asterisk operator column 'agent' is not a Master.csv column")]
    [InlineData("channel", "(unclosed", "Asterisk operator pattern '(unclosed' is not a valid regular expression")]
    public void OpenCalls_BadColumnOption_FailsBeforeReading(string column, string? pattern, string expected)
    {
        // Arrange
        var columns = AsteriskColumns.Default with { OperatorFrom = column, OperatorPattern = pattern };

        // Act
        var error = Assert.Throws<CsvSchemaException>(() => Read(Master, columns));

        // Assert
        Assert.StartsWith(expected, error.Message);
    }

    [Fact]
    public void OpenCalls_UnknownDispositionOrShortRow_IsReported()
    {
        // Arrange
        var path = SampleFiles.TempFile(
            "\"SOLAR\",\"1001\",\"06\",\"ctx\",\"\",\"SIP/1001-1\",\"\",\"Dial\",\"\",\"2026-03-28 09:00:00\",\"\",\"2026-03-28 09:00:10\",10,0,\"ANSWERED MAYBE\",\"DOCUMENTATION\"\n" +
            "\"SOLAR\",\"1001\",\"06\"\n");

        try
        {
            // Act
            var lines = Read(path);

            // Assert
            Assert.Equal("disposition: 'ANSWERED MAYBE' is not one of ANSWERED, NO ANSWER, BUSY, FAILED, CONGESTION", lines[0].Error);
            Assert.Equal("row: has 3 columns; a Master.csv row has at least 16 (accountcode to amaflags)", lines[1].Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenResults_Asterisk_ThrowsSayingCdrsHoldCallsOnly()
    {
        // Act
        var error = Assert.Throws<CsvSchemaException>(() => InputFiles.OpenResults(Master, SampleFiles.Options("asterisk")));

        // Assert
        Assert.Contains("Asterisk CDRs hold calls only", error.Message);
    }
}
