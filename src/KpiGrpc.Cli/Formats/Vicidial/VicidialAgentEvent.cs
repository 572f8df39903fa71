namespace KpiGrpc.Cli.Formats.Vicidial;

/// <summary>
/// One vicidial_agent_log row: an agent cycle pause, wait, talk, dispo that starts at
/// <paramref name="Start"/> and lasts <paramref name="Seconds"/>.
/// </summary>
/// <param name="LoggedOut">sub_status LOGOUT: the agent logged out at the end of this row's pause.</param>
internal sealed record VicidialAgentEvent(
    string User, string Campaign, string Team, DateTimeOffset Start, int Seconds, bool LoggedOut)
{
    public DateTimeOffset End => Start.AddSeconds(Seconds);
}
