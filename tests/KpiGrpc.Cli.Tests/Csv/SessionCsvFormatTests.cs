using KpiGrpc.Cli.Csv;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Csv;

public sealed class SessionCsvFormatTests
{
    [Fact]
    public void ReadLines_SessionWithOptionalColumns_ReadsEveryField()
    {
        // Arrange
        const string csv = "started_at,ended_at,operator_id,session_id,team_id,campaign_id\n2026-03-28T08:55:00+01:00,2026-03-28T12:30:00+01:00,op-1,s-1,team-1,camp-1\n";
        using var file = CsvRecordFile<OperatorSession>.FromText(csv, SessionCsvFormat.Instance);

        // Act
        var session = Assert.Single(file.ReadLines()).Record!;

        // Assert
        Assert.Equal("s-1", session.SessionId);
        Assert.Equal("op-1", session.OperatorId);
        Assert.Equal("team-1", session.TeamId);
        Assert.Equal("camp-1", session.CampaignId);
        Assert.Equal(TimeSpan.FromMinutes(215), session.EndedAt.ToDateTimeOffset() - session.StartedAt.ToDateTimeOffset());
    }

    [Fact]
    public void Open_WithoutEndedAt_ThrowsNamingTheColumn()
    {
        // Arrange
        const string csv = "session_id,operator_id,started_at\ns-1,op-1,2026-03-28T08:55:00Z\n";

        // Act
        var error = Assert.Throws<CsvSchemaException>(() => CsvRecordFile<OperatorSession>.FromText(csv, SessionCsvFormat.Instance, "sessions.csv"));

        // Assert
        Assert.StartsWith("sessions.csv: missing required column ended_at", error.Message);
    }
}
