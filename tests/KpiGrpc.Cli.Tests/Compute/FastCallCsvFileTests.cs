using KpiGrpc.Cli.Compute;
using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Compute;

public sealed class FastCallCsvFileTests
{
    [Fact]
    public void ReadLines_SamplesCallsFile_SameLinesAsTheImportReader()
    {
        // Arrange: the samples mix offsets, Z, a quoted lead id, empty and spelled-out booleans.
        var text = File.ReadAllText(SamplesCalls());

        // Act
        var fast = Read(FastCallCsvFile.FromText(text));
        var reference = Read(CsvRecordFile<CallRecord>.FromText(text, CallCsvFormat.Instance, "calls.csv"));

        // Assert
        Assert.Equal(97, fast.Count);
        Assert.Equal(reference, fast);
    }

    [Theory]
    [InlineData("2026-03-28T09:15:00.250+01:00")]   // fraction and offset
    [InlineData("2026-03-28 09:15:00Z")]            // a space for the T
    [InlineData("2026-03-29T03:00:00+02:00")]       // just after the Paris DST jump
    [InlineData("2026-03-28T09:15Z")]               // no seconds: the general parser's shape
    [InlineData("2026-03-28T09:15:00.12345678Z")]   // 8 fraction digits: refused by both
    [InlineData("2026-02-30T09:15:00Z")]            // no such day
    [InlineData("2026-03-28T09:15:00")]             // no offset: refused, with its reason
    [InlineData("2026-03-28T09:15:00+15:00")]       // offset beyond 14 hours
    [InlineData("2026-03-28T24:00:00Z")]
    public void ReadLines_InstantShapes_SameValueOrErrorAsTheImportReader(string startedAt)
    {
        // Arrange
        var text = $"call_id,campaign_id,operator_id,started_at,outcome\nc-1,camp,op-1,{startedAt},answered\n";

        // Act
        var fast = Assert.Single(Read(FastCallCsvFile.FromText(text)));
        var reference = Assert.Single(Read(CsvRecordFile<CallRecord>.FromText(text, CallCsvFormat.Instance, "calls.csv")));

        // Assert
        Assert.Equal(reference, fast);
    }

    [Theory]
    [InlineData("PITCHED", "12.5", "TRUE", "3")]
    [InlineData("answered", "", "", "")]
    [InlineData("answered", "1e2", "0", "-1")]
    [InlineData("sold", "10", "false", "0")]        // unknown outcome
    [InlineData("answered", "NaN", "false", "0")]   // not a finite number
    [InlineData("answered", "10", "yes", "0")]      // not a boolean
    [InlineData("answered", "10", "1", "1.5")]      // not a whole number
    public void ReadLines_FieldValues_SameValueOrErrorAsTheImportReader(string outcome, string talk, string removal, string revision)
    {
        // Arrange
        var text = "call_id,campaign_id,operator_id,team_id,started_at,outcome,talk_seconds,removal_requested,revision\n"
            + $"c-1,camp,op-1,team-1,2026-03-28T09:15:00Z,{outcome},{talk},{removal},{revision}\n";

        // Act
        var fast = Assert.Single(Read(FastCallCsvFile.FromText(text)));
        var reference = Assert.Single(Read(CsvRecordFile<CallRecord>.FromText(text, CallCsvFormat.Instance, "calls.csv")));

        // Assert
        Assert.Equal(reference, fast);
    }

    [Fact]
    public void ReadLines_RepeatedIds_ShareOneStringPerValue()
    {
        // Arrange
        const string text = "call_id,campaign_id,operator_id,started_at,outcome\nc-1,camp,op-1,2026-03-28T09:15:00Z,busy\nc-2,camp,op-1,2026-03-28T09:16:00Z,busy\n";

        // Act
        var lines = Read(FastCallCsvFile.FromText(text));

        // Assert
        Assert.Same(lines[0].Record!.OperatorId, lines[1].Record!.OperatorId);
        Assert.NotSame(lines[0].Record!.CallId, lines[1].Record!.CallId);
    }

    private static List<RecordLine<CallRecord>> Read(IRecordFile<CallRecord> file)
    {
        using (file)
        {
            return [.. file.ReadLines()];
        }
    }

    private static string SamplesCalls()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "calls.csv");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("samples/calls.csv not found above the test binaries");
    }
}
