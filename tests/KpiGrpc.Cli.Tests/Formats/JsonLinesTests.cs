using KpiGrpc.Cli.Formats;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Formats;

public sealed class JsonLinesTests
{
    private static readonly string Calls = SampleFiles.Path("jsonl", "calls.jsonl");

    [Fact]
    public void OpenCalls_JsonLines_ReadsProtobufJsonWithCamelOrProtoNames()
    {
        // Act
        var lines = SampleFiles.ReadAll(InputFiles.OpenCalls(Calls, SampleFiles.Options("jsonl")));

        // Assert
        var valid = lines.Where(l => l.IsValid).Select(l => l.Record!).ToList();
        Assert.Equal(["j-1", "j-2", "j-3"], valid.Select(c => c.CallId));
        Assert.Equal((CallOutcome.Appointment, 240d, "TEAM_A"), (valid[0].Outcome, valid[0].TalkSeconds, valid[0].TeamId));
        Assert.Equal(("1002", CallOutcome.NoAnswer), (valid[1].OperatorId, valid[1].Outcome));
        Assert.Equal((195.5, 1, new DateTimeOffset(2026, 3, 28, 7, 30, 0, TimeSpan.Zero)), (valid[2].TalkSeconds, valid[2].Revision, valid[2].StartedAt.ToDateTimeOffset()));
    }

    [Fact]
    public void OpenCalls_BadJsonLines_AreReportedWithTheirLineNumber()
    {
        // Act: line 3 is blank and skipped; line 5 has an unknown enum value; line 6 an unknown field
        var lines = SampleFiles.ReadAll(InputFiles.OpenCalls(Calls, SampleFiles.Options("jsonl")));

        // Assert
        Assert.Equal([1, 2, 4, 5, 6], lines.Select(l => l.LineNumber));
        Assert.StartsWith("not a CallRecord in protobuf JSON:", lines[3].Error);
        Assert.Contains("CALL_OUTCOME_SOLD", lines[3].Error);
        Assert.Contains("disposition", lines[4].Error);
        Assert.Contains("\"disposition\":\"B\"", lines[4].Raw);
    }

    [Fact]
    public void OpenSessions_GzipJsonLines_AreReadDirectly()
    {
        // Arrange
        var plain = SampleFiles.TempFile(
            "{\"sessionId\":\"s-1\",\"operatorId\":\"1001\",\"startedAt\":\"2026-03-28T08:00:00Z\",\"endedAt\":\"2026-03-28T12:00:00Z\"}\n", ".jsonl");
        var gz = SampleFiles.GzipCopy(plain);

        try
        {
            // Act
            var session = Assert.Single(SampleFiles.ReadAll(InputFiles.OpenSessions(gz, SampleFiles.Options("jsonl")))).Record!;

            // Assert
            Assert.Equal(("s-1", "1001"), (session.SessionId, session.OperatorId));
            Assert.Equal(TimeSpan.FromHours(4), session.EndedAt.ToDateTimeOffset() - session.StartedAt.ToDateTimeOffset());
        }
        finally
        {
            File.Delete(plain);
            File.Delete(gz);
        }
    }
}
