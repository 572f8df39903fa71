using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Import;

public sealed class ImportReportTests
{
    [Fact]
    public void Print_Rejections_GroupedByFieldAndReasonMostFrequentFirst()
    {
        // Arrange: 3 unknown outcomes, 1 bad talk time, 5 accepted.
        var tally = new ImportTally("calls.csv");
        tally.Add(new BatchAck { Accepted = 5 }, [
            new RejectedLine("calls.csv", 2, "talk_seconds", "talk_seconds must be 0 when outcome is BUSY"),
            .. Enumerable.Range(3, 3).Select(line => new RejectedLine("calls.csv", line, "outcome", "'sold' is not one of ...")),
        ]);
        var output = new StringWriter();
        var errors = new StringWriter();

        // Act
        var exitCode = ImportReport.Print([tally], null, output, errors);

        // Assert
        Assert.Equal(1, exitCode);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("calls.csv: accepted 5, duplicates 0, replaced 0, stale 0, rejected 4", lines[0]);
        Assert.Equal("rejected by reason:", lines[1]);
        Assert.Equal("3  outcome: 'sold' is not one of ...", lines[2]);
        Assert.Equal("1  talk_seconds: talk_seconds must be 0 when outcome is BUSY", lines[3]);
        Assert.Contains("calls.csv line 2: talk_seconds must be 0 when outcome is BUSY", errors.ToString());
    }

    [Fact]
    public void Print_ManyRejectedLines_ShowsOnlyTheFirstAndPointsToTheRejectsFile()
    {
        // Arrange: 50 lines rejected for 30 different reasons.
        var tally = new ImportTally("calls.csv");
        tally.Add(new BatchAck(), [.. Enumerable.Range(1, 50).Select(i => new RejectedLine("calls.csv", i, "f", $"reason {i % 30}"))]);
        var output = new StringWriter();
        var errors = new StringWriter();

        // Act
        ImportReport.Print([tally], "/tmp/rejects.csv", output, errors);

        // Assert
        Assert.Equal(ImportReport.LinesShown, errors.ToString().Split('\n').Count(l => l.StartsWith("rejected: ", StringComparison.Ordinal)));
        Assert.Contains("every rejected line is in /tmp/rejects.csv", errors.ToString());
        Assert.Contains("(10 other reasons)", output.ToString());
        Assert.Equal(50, tally.Rejected);
    }

    [Fact]
    public void CountRejection_MoreDistinctReasonsThanKept_CountsTheRestTogether()
    {
        // Arrange
        var counts = new ImportCounts();

        // Act
        for (var i = 0; i < ImportCounts.MaxReasons + 10; i++)
        {
            counts.CountRejection("f", $"reason {i}");
        }

        // Assert
        Assert.Equal(ImportCounts.MaxReasons + 1, counts.Reasons.Count);
        Assert.Equal(10, counts.Reasons.Single(r => r.Reason == ImportCounts.OtherReasons).Count);
        Assert.Equal(ImportCounts.MaxReasons + 10, counts.Rejected);
    }
}
