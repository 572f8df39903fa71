using KpiGrpc.Cli.Formats;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Tests.Formats;

public sealed class VicidialAgentLogTests
{
    private static List<RecordLine<OperatorSession>> Read(string path) =>
        SampleFiles.ReadAll(InputFiles.OpenSessions(path, SampleFiles.Options("vicidial")));

    private static List<RecordLine<OperatorSession>> ReadText(string text)
    {
        var path = SampleFiles.TempFile(text);
        try
        {
            return Read(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static DateTimeOffset Utc(int hour, int minute, int second = 0) => new(2026, 3, 28, hour, minute, second, TimeSpan.Zero);

    [Fact]
    public void OpenSessions_SampleAgentLog_ChainsEachAgentsRowsIntoLoggedInSpans()
    {
        // Act
        var sessions = Read(SampleFiles.Path("vicidial", "vicidial_agent_log.csv")).Select(l => l.Record!).ToList();

        // Assert: 1001 logs in 09:00 Paris (08:00Z); rows 60+120+240+15, 0+300+180+10, 600 (LOGOUT) end at 09:25:05.
        // dead_sec 20 is inside talk_sec: adding it would end at 09:25:25.
        // 1002 waits 09:00-09:10, is gone, then 10:00-10:05: a gap over a minute makes two sessions.
        Assert.Equal(3, sessions.Count);
        var alice = Assert.Single(sessions, s => s.OperatorId == "1001");
        Assert.Equal((Utc(8, 0), Utc(8, 25, 5)), (alice.StartedAt.ToDateTimeOffset(), alice.EndedAt.ToDateTimeOffset()));
        Assert.Equal(("TEAM_A", "SOLAR"), (alice.TeamId, alice.CampaignId));
        Assert.Equal($"vicidial-1001-{Utc(8, 0).ToUnixTimeSeconds()}", alice.SessionId);
        var bob = sessions.Where(s => s.OperatorId == "1002").OrderBy(s => s.StartedAt).ToList();
        Assert.Equal([(Utc(8, 0), Utc(8, 10)), (Utc(9, 0), Utc(9, 5))], bob.Select(s => (s.StartedAt.ToDateTimeOffset(), s.EndedAt.ToDateTimeOffset())));
    }

    [Fact]
    public void OpenSessions_ReadTwice_GivesTheSameSessionIds()
    {
        // Arrange
        var path = SampleFiles.Path("vicidial", "vicidial_agent_log.csv");

        // Act
        var first = Read(path).Select(l => l.Record!.SessionId);
        var second = Read(path).Select(l => l.Record!.SessionId);

        // Assert
        Assert.Equal(first, second);
    }

    [Fact]
    public void OpenSessions_DeadSeconds_AreCountedInsideTalkNotAdded()
    {
        // Arrange: wait 60 + talk 100 (of which 30 dead) + dispo 10 = 170 s, not 200
        const string log = """
            user,event_time,campaign_id,pause_sec,wait_sec,talk_sec,dispo_sec,dead_sec
            1001,2026-03-28 09:00:00,SOLAR,0,60,100,10,30
            """;

        // Act
        var session = Assert.Single(ReadText(log)).Record!;

        // Assert
        Assert.Equal(TimeSpan.FromSeconds(170), session.EndedAt.ToDateTimeOffset() - session.StartedAt.ToDateTimeOffset());
    }

    [Fact]
    public void OpenSessions_CampaignChange_StartsANewSession()
    {
        // Arrange
        const string log = """
            user,event_time,campaign_id,pause_sec,wait_sec,talk_sec,dispo_sec,user_group
            1001,2026-03-28 09:00:00,SOLAR,0,600,0,0,TEAM_A
            1001,2026-03-28 09:10:00,INSUR,0,600,0,0,TEAM_A
            """;

        // Act
        var sessions = ReadText(log).Select(l => l.Record!).ToList();

        // Assert
        Assert.Equal(["SOLAR", "INSUR"], sessions.Select(s => s.CampaignId));
        Assert.Equal(Utc(8, 10), sessions[0].EndedAt.ToDateTimeOffset());
    }

    [Fact]
    public void OpenSessions_RowsOutOfOrder_AreReportedNotMerged()
    {
        // Arrange
        const string log = """
            user,event_time,campaign_id,pause_sec,wait_sec,talk_sec,dispo_sec
            1001,2026-03-28 09:10:00,SOLAR,0,60,0,0
            1001,2026-03-28 09:00:00,SOLAR,0,60,0,0
            """;

        // Act
        var lines = ReadText(log);

        // Assert
        var error = Assert.Single(lines, l => !l.IsValid);
        Assert.Equal(3, error.LineNumber);
        Assert.Contains("is before the previous row of user 1001 (line 2): export the log ordered by event_time", error.Error);
    }

    [Fact]
    public void OpenSessions_ManyAgentsInTurn_EmitsFinishedSessionsBeforeTheEnd()
    {
        // Arrange: 5,000 agents each working 10 minutes, one after the other
        var text = new System.Text.StringBuilder("user,event_time,campaign_id,pause_sec,wait_sec,talk_sec,dispo_sec\n");
        var start = new DateTime(2026, 3, 1, 0, 0, 0);
        for (var i = 0; i < 5000; i++)
        {
            text.Append($"a{i},{start.AddMinutes(10 * i):yyyy-MM-dd HH:mm:ss},C,0,600,0,0\n");
        }

        var path = SampleFiles.TempFile(text.ToString());

        try
        {
            // Act: the first session must come out while the file is still being read
            using var file = InputFiles.OpenSessions(path, InputFiles.DefaultOptions with { Format = "vicidial" });
            var firstAt = -1L;
            var count = 0;
            foreach (var line in file.ReadLines())
            {
                if (count++ == 0)
                {
                    firstAt = file.BytesRead;
                }
            }

            // Assert
            Assert.Equal(5000, count);
            Assert.True(firstAt < file.Length, $"first session emitted after {firstAt} of {file.Length} bytes");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
