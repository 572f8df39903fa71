namespace KpiGrpc.Cli.Formats;

/// <summary>How input files are read.</summary>
/// <param name="Format">"csv" (default), "jsonl", "vicidial" or "asterisk".</param>
/// <param name="TimeZone">The zone of local times without offset (VICIdial call_date/event_time, Asterisk start); UTC by default.</param>
/// <param name="StatusMapPath">A VICIdial status map layered over the shipped one; null = the shipped one alone.</param>
/// <param name="ColumnRenames">Generic CSV: record field name to the file's column name (`--map outcome=disposition`).</param>
/// <param name="Asterisk">Which CDR columns give the operator, campaign and team.</param>
internal sealed record InputOptions(
    string Format,
    TimeZoneInfo TimeZone,
    string? StatusMapPath,
    IReadOnlyDictionary<string, string> ColumnRenames,
    AsteriskColumns Asterisk);

/// <summary>
/// Where an Asterisk CDR (Master.csv) row keeps what a call record needs. Each source is a CDR
/// column name (accountcode, src, dst, dcontext, clid, channel, dstchannel, lastapp, lastdata,
/// userfield, peeraccount...) and an optional regular expression: its group named "id" (or
/// its first group, or the whole match) is the value.
/// </summary>
/// <param name="OperatorFrom">Default "channel": the agent's own channel on a call it places.</param>
/// <param name="OperatorPattern">Default takes the device of "SIP/1001-0000002a" or "PJSIP/1001-..." ("1001").</param>
/// <param name="CampaignFrom">Default "accountcode", which dialplans set per campaign with CDR(accountcode).</param>
/// <param name="CampaignPattern">Null: the whole column.</param>
/// <param name="TeamFrom">Null: no team.</param>
/// <param name="TeamPattern">Null: the whole column.</param>
internal sealed record AsteriskColumns(
    string OperatorFrom = "channel",
    string? OperatorPattern = AsteriskColumns.ChannelDevicePattern,
    string CampaignFrom = "accountcode",
    string? CampaignPattern = null,
    string? TeamFrom = null,
    string? TeamPattern = null)
{
    /// <summary>Technology/device-uniquifier: the device part, up to the first '-', '@', ';' or ','.</summary>
    public const string ChannelDevicePattern = "^[^/]+/(?<id>[^-@;,/]+)";

    public static AsteriskColumns Default { get; } = new();
}
