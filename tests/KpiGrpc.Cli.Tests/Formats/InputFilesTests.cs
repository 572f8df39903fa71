using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Formats;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Formats;

public sealed class InputFilesTests
{
    private static InputOptions Csv(params (string Field, string Column)[] renames) =>
        InputFiles.DefaultOptions with { ColumnRenames = renames.ToDictionary(r => r.Field, r => r.Column) };

    [Fact]
    public void OpenCalls_CsvWithRenames_ReadsFieldsFromTheRenamedColumns()
    {
        // Arrange
        var path = SampleFiles.TempFile("id,campaign_id,agent,started_at,disposition\nc-1,camp,op-1,2026-03-28T08:00:00Z,busy\n");

        try
        {
            // Act
            var lines = SampleFiles.ReadAll(InputFiles.OpenCalls(path, Csv(("call_id", "id"), ("operator_id", "agent"), ("outcome", "disposition"))));

            // Assert
            var call = Assert.Single(lines).Record!;
            Assert.Equal(("c-1", "op-1", CallOutcome.Busy), (call.CallId, call.OperatorId, call.Outcome));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenCalls_RenamedColumnMissing_NamesTheFileColumnAndTheField()
    {
        // Arrange
        var path = SampleFiles.TempFile("call_id,campaign_id,operator_id,started_at,outcome\nc-1,camp,op,2026-03-28T08:00:00Z,busy\n");

        try
        {
            // Act
            var error = Assert.Throws<CsvSchemaException>(() => InputFiles.OpenCalls(path, Csv(("outcome", "disposition"))));

            // Assert
            Assert.Contains("missing required column disposition (for outcome)", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenCalls_RenamedColumnWithBadValue_ReportsTheFileColumn()
    {
        // Arrange
        var path = SampleFiles.TempFile("call_id,campaign_id,operator_id,started_at,disposition\nc-1,camp,op,2026-03-28T08:00:00Z,sold\n");

        try
        {
            // Act
            var line = Assert.Single(SampleFiles.ReadAll(InputFiles.OpenCalls(path, Csv(("outcome", "disposition")))));

            // Assert
            Assert.StartsWith("disposition: 'sold' is not one of", line.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void OpenCalls_RenameOfAnUnknownField_Throws()
    {
        // Act
        var error = Assert.Throws<CsvSchemaException>(() => InputFiles.OpenCalls(SampleFiles.Path("calls.csv"), Csv(("disposition", "outcome"))));

        // Assert
        Assert.StartsWith("column rename of 'disposition': not a record field", error.Message);
    }

    [Fact]
    public void OpenCalls_GzipCsv_ReadsLikeThePlainFile()
    {
        // Arrange
        var plain = SampleFiles.Path("calls.csv");
        var gz = SampleFiles.GzipCopy(plain);

        try
        {
            // Act
            var fromGzip = SampleFiles.ReadAll(InputFiles.OpenCalls(gz, InputFiles.DefaultOptions));
            var fromPlain = SampleFiles.ReadAll(InputFiles.OpenCalls(plain, InputFiles.DefaultOptions));

            // Assert
            Assert.Equal(97, fromGzip.Count);
            Assert.Equal(fromPlain.Select(l => l.Record), fromGzip.Select(l => l.Record));
        }
        finally
        {
            File.Delete(gz);
        }
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("jsonl")]
    [InlineData("vicidial")]
    [InlineData("asterisk")]
    public void OpenCalls_MissingFile_ThrowsFileNotFound(string format)
    {
        // Act
        var error = Assert.Throws<FileNotFoundException>(() => InputFiles.OpenCalls("/no/such/file.csv", InputFiles.DefaultOptions with { Format = format }));

        // Assert
        Assert.Contains("'/no/such/file.csv' does not exist", error.Message);
    }

    [Fact]
    public void OpenCalls_UnknownFormat_ThrowsListingTheFormats()
    {
        // Act
        var error = Assert.Throws<CsvSchemaException>(() => InputFiles.OpenCalls(SampleFiles.Path("calls.csv"), InputFiles.DefaultOptions with { Format = "xlsx" }));

        // Assert
        Assert.Equal("unknown input format 'xlsx': use one of csv, jsonl, vicidial, asterisk", error.Message);
    }
}
