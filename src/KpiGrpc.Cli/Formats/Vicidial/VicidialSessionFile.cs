using KpiGrpc.Cli.Csv;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>
/// Logged-in sessions derived from a vicidial_agent_log. VICIdial writes one row per agent
/// cycle, each starting where the previous one ended, from login to logout; so a session is a
/// run of one user's rows in one campaign, each starting at most <see cref="MaxGap"/> after the
/// previous one ended. A longer gap, a campaign change, a row with sub_status LOGOUT or 24 hours
/// (the longest session the server takes) closes it. session_id = vicidial-&lt;user&gt;-&lt;start unix seconds&gt;,
/// stable across re-imports of the same log.
/// </summary>
/// <remarks>
/// Streaming: the export is ordered by event_time, so only each agent's current session is held,
/// and sessions that can no longer grow are emitted as the file goes: memory follows the number
/// of agents working at the same time, not the file. A session is emitted when it closes and
/// carries the line of its first row.
/// </remarks>
internal sealed class VicidialSessionFile(CsvRecordFile<VicidialAgentEvent> events) : IRecordFile<OperatorSession>
{
    /// <summary>Rows are written with whole seconds, by separate processes: allow for rounding and write lag.</summary>
    public static readonly TimeSpan MaxGap = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan MaxSession = TimeSpan.FromHours(24);
    private const int SweepEvery = 4096;

    public string Name => events.Name;

    public long BytesRead => events.BytesRead;

    public long Length => events.Length;

    public IReadOnlyList<string> IgnoredColumns => events.IgnoredColumns;

    public IEnumerable<RecordLine<OperatorSession>> ReadLines()
    {
        var open = new Dictionary<string, Session>(StringComparer.Ordinal);
        var read = 0;
        foreach (var line in events.ReadLines())
        {
            if (line.Record is not { } e)
            {
                yield return new RecordLine<OperatorSession>(line.LineNumber, null, line.Error, line.Raw);
                continue;
            }

            if (open.TryGetValue(e.User, out var session))
            {
                if (e.Start < session.LastStart)
                {
                    yield return new RecordLine<OperatorSession>(line.LineNumber, null,
                        $"event_time: {e.Start:u} is before the previous row of user {e.User} (line {session.LastLine}): export the log ordered by event_time");
                    continue;
                }

                if (session.Continues(e))
                {
                    session.Add(e, line.LineNumber);
                    if (e.LoggedOut && Close(open, session) is { } loggedOut)
                    {
                        yield return loggedOut;
                    }

                    continue;
                }

                if (Close(open, session) is { } ended)
                {
                    yield return ended;
                }
            }

            var started = new Session(e, line.LineNumber);
            open[e.User] = started;
            if (e.LoggedOut && Close(open, started) is { } single)
            {
                yield return single;
            }

            if (++read % SweepEvery == 0)
            {
                foreach (var stale in open.Values.Where(s => s.End + MaxGap < e.Start).ToList())
                {
                    if (Close(open, stale) is { } swept)
                    {
                        yield return swept;
                    }
                }
            }
        }

        foreach (var rest in open.Values.OrderBy(s => s.FirstLine).ToList())
        {
            if (Close(open, rest) is { } last)
            {
                yield return last;
            }
        }
    }

    public void Dispose() => events.Dispose();

    /// <summary>The session as a record; null when it holds no time (login then logout in the same second).</summary>
    private static RecordLine<OperatorSession>? Close(Dictionary<string, Session> open, Session session)
    {
        open.Remove(session.User);
        if (session.End <= session.Start)
        {
            return null;
        }

        return new RecordLine<OperatorSession>(session.FirstLine, new OperatorSession
        {
            SessionId = $"vicidial-{session.User}-{session.Start.ToUnixTimeSeconds()}",
            OperatorId = session.User,
            TeamId = session.Team,
            CampaignId = session.Campaign,
            StartedAt = session.Start.ToTimestamp(),
            EndedAt = session.End.ToTimestamp(),
        }, null);
    }

    private sealed class Session(VicidialAgentEvent first, int line)
    {
        public string User { get; } = first.User;

        public string Campaign { get; } = first.Campaign;

        public string Team { get; } = first.Team;

        public DateTimeOffset Start { get; } = first.Start;

        public DateTimeOffset LastStart { get; private set; } = first.Start;

        public DateTimeOffset End { get; private set; } = first.End;

        public int FirstLine { get; } = line;

        public int LastLine { get; private set; } = line;

        public bool Continues(VicidialAgentEvent e) =>
            string.Equals(e.Campaign, Campaign, StringComparison.Ordinal)
            && e.Start <= End + MaxGap
            && Max(End, e.End) - Start <= MaxSession;

        public void Add(VicidialAgentEvent e, int line)
        {
            LastStart = e.Start;
            LastLine = line;
            End = Max(End, e.End);
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }
}
