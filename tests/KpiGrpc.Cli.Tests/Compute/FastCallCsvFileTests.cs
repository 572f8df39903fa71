using System.IO.Compression;
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

    [Fact]
    public void Open_GzipFileNamedWithoutGz_SameLinesAsThePlainFile()
    {
        // Arrange: the samples gzipped under a .csv name; kpi import reads such a file by its first bytes.
        var gzipped = Path.Combine(Path.GetTempPath(), $"kpi-fast-{Guid.NewGuid():N}.csv");
        using (var gzip = new GZipStream(File.Create(gzipped), CompressionLevel.Fastest))
        {
            gzip.Write(File.ReadAllBytes(SamplesCalls()));
        }

        try
        {
            // Act
            var fromGzip = Read(FastCallCsvFile.Open(gzipped));
            var plain = Read(FastCallCsvFile.Open(SamplesCalls()));

            // Assert
            Assert.Equal(97, fromGzip.Count);
            Assert.Equal(plain, fromGzip);
        }
        finally
        {
            File.Delete(gzipped);
        }
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

    [Theory]
    [InlineData("c-1,camp,op-1,north,2026-03-28T09:15:00Z,busy,1.5")]                    // nothing to trim
    [InlineData(" c-1 , camp,op-1 ,north,2026-03-28T09:15:00Z,busy, 1.5 ")]               // spaces outside any quote
    [InlineData("\" c-1 \",\"camp\",\"op-1\",\"north \",2026-03-28T09:15:00Z,busy,1.5")]  // spaces inside quotes
    [InlineData("  \"c-1\"  ,camp,op-1,north,2026-03-28T09:15:00Z,busy,1.5")]           // spaces around quotes
    [InlineData("\"c-1\" ,\"ca\"\"mp\",op-1,\"\",2026-03-28T09:15:00Z,busy,1.5")]   // escaped quote, empty team
    [InlineData("\"c-1\",\"camp\",\"op-1\",\"north\",\"2026-03-28T09:15:00Z\",\"busy\",\"1.5\"")] // every field quoted
    [InlineData("c-1,camp,op-1,north,2026-03-28T09:15:00Z, sold ,1.5")]                  // refused: the message names the trimmed value
    [InlineData("\" c-1\",camp,op-1,north,2026-03-28T09:15:00Z,\"sold\",1.5")]          // refused, on a quoted line
    public void ReadLines_SpacesAndQuotesAroundFields_SameValueOrErrorAsTheImportReader(string line)
    {
        // Arrange: fields are read untrimmed, and only a line with a space at a field's end is
        // trimmed; either way the values must be those of the import reader.
        var text = $"call_id,campaign_id,operator_id,team_id,started_at,outcome,talk_seconds\n{line}\n";

        // Act
        var fast = Assert.Single(Read(FastCallCsvFile.FromText(text)));
        var reference = Assert.Single(Read(CsvRecordFile<CallRecord>.FromText(text, CallCsvFormat.Instance, "calls.csv")));

        // Assert
        Assert.Equal(reference, fast);
    }

    [Fact]
    public void ReadLines_HeaderWithSpacesAndQuotes_SameLinesAsTheImportReader()
    {
        // Arrange
        const string text = "call_id, \"campaign_id\" ,operator_id ,started_at,outcome\n c-1 ,camp, op-1,2026-03-28T09:15:00Z,busy\nc-2,camp,op-2,2026-03-28T09:16:00Z,busy\n";

        // Act
        var fast = Read(FastCallCsvFile.FromText(text));
        var reference = Read(CsvRecordFile<CallRecord>.FromText(text, CallCsvFormat.Instance, "calls.csv"));

        // Assert
        Assert.Equal(2, fast.Count);
        Assert.Equal(reference, fast);
    }

    [Fact]
    public void Open_HeaderWithoutRequiredColumns_ThrowsAndLeavesTheFileClosed()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"kpi-fast-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "call_id,operator_id\nc-1,op-1\n");
        try
        {
            // Act
            var error = Assert.Throws<CsvSchemaException>(() => FastCallCsvFile.Open(path));

            // Assert: nobody holds the file any more (an exclusive open would fail otherwise).
            Assert.Contains("campaign_id", error.Message);
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Fill_SamplesCallsFile_SameCallsAndLinesAsReadLines()
    {
        // Arrange
        var text = File.ReadAllText(SamplesCalls());
        var reference = Read(FastCallCsvFile.FromText(text));

        // Act: batches of 40 lines, as kpi compute sends them.
        var calls = new List<CallRecord>();
        var lines = new List<int>();
        using (var file = FastCallCsvFile.FromText(text))
        {
            var batch = new CallColumnsBuilder(40);
            while (file.Fill(batch, 40, lines, (line, reason) => Assert.Fail($"line {line}: {reason}")))
            {
                calls.AddRange(CallColumnsDecoder.Decode(batch.Build()));
                batch = new CallColumnsBuilder(40);
            }
        }

        // Assert
        Assert.Equal(97, calls.Count);
        Assert.Equal(reference.Select(line => line.Record), calls);
        Assert.Equal(reference.Select(line => line.LineNumber), lines);
    }

    [Fact]
    public void Fill_UnreadableLine_ReportedWithItsNumberAndLeftOut()
    {
        // Arrange: line 3 has an unknown outcome.
        const string text = "call_id,campaign_id,operator_id,started_at,outcome\n"
            + "c-1,camp,op-1,2026-03-28T09:15:00Z,busy\nc-2,camp,op-1,2026-03-28T09:16:00Z,sold\nc-3,camp,op-1,2026-03-28T09:17:00Z,busy\n";
        var unreadable = new List<(int Line, string Reason)>();
        var lines = new List<int>();
        var batch = new CallColumnsBuilder(10);

        // Act
        using (var file = FastCallCsvFile.FromText(text))
        {
            file.Fill(batch, 10, lines, (line, reason) => unreadable.Add((line, reason)));
        }

        // Assert
        Assert.Equal([2, 4], lines);
        var (line, reason) = Assert.Single(unreadable);
        Assert.Equal(3, line);
        Assert.Contains("outcome", reason);
        Assert.Equal(["c-1", "c-3"], CallColumnsDecoder.Decode(batch.Build()).Select(call => call.CallId));
    }

    [Fact]
    public void Fill_MoreLinesThanTheBatch_StopsAtMaxCallsAndGoesOnNextTime()
    {
        // Arrange
        var text = "call_id,campaign_id,operator_id,started_at,outcome\n"
            + string.Concat(Enumerable.Range(1, 5).Select(i => $"c-{i},camp,op-1,2026-03-28T09:15:00Z,busy\n"));
        using var file = FastCallCsvFile.FromText(text);
        var first = new CallColumnsBuilder(3);
        var second = new CallColumnsBuilder(3);
        var lines = new List<int>();

        // Act
        var more = file.Fill(first, 3, lines, (_, _) => { });
        file.Fill(second, 3, lines, (_, _) => { });
        var after = file.Fill(new CallColumnsBuilder(3), 3, lines, (_, _) => { });

        // Assert
        Assert.True(more);
        Assert.Equal((3, 2), (first.Count, second.Count));
        Assert.False(after);
        Assert.Equal([2, 3, 4, 5, 6], lines);
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
