using System.CommandLine;
using KpiGrpc.Cli.Formats;

namespace KpiGrpc.Cli.Commands;

/// <summary>
/// The options that say how input files are read: --input-format, --tz, --statuses, --map,
/// --asterisk-*. A command that already has a --tz (compute's report zone) shares it, and one
/// without an output format (import) also accepts --format for the input format.
/// </summary>
internal sealed class InputFormatOptions(bool acceptFormatAlias = true, Option<string?>? sharedTimeZone = null)
{
    public Option<string> Format { get; } = CreateFormat(acceptFormatAlias);

    public Option<string?> TimeZone { get; } = sharedTimeZone ?? TimeZoneOption.Create(
        "IANA time zone of local times in the files (VICIdial call_date, Asterisk start), e.g. Europe/Paris; default UTC");

    public Option<string?> Statuses { get; } = new("--statuses")
    {
        Description = "VICIdial status map layered over the shipped one (status,outcome,removal_requested,sale,campaign_id,comment)",
    };

    public Option<string[]> Map { get; } = new("--map")
    {
        Description = "csv: read a field from another column, e.g. --map outcome=disposition (repeatable)",
    };

    public Option<string?> AsteriskOperator { get; } = new("--asterisk-operator")
    {
        Description = $"asterisk: COLUMN[:REGEX] giving the operator (default channel:{AsteriskColumns.ChannelDevicePattern})",
    };

    public Option<string?> AsteriskCampaign { get; } = new("--asterisk-campaign")
    {
        Description = "asterisk: COLUMN[:REGEX] giving the campaign (default accountcode)",
    };

    public Option<string?> AsteriskTeam { get; } = new("--asterisk-team")
    {
        Description = "asterisk: COLUMN[:REGEX] giving the team (default none)",
    };

    public void AddTo(Command command)
    {
        command.Add(Format);
        if (sharedTimeZone is null)
        {
            command.Add(TimeZone);
        }

        command.Add(Statuses);
        command.Add(Map);
        command.Add(AsteriskOperator);
        command.Add(AsteriskCampaign);
        command.Add(AsteriskTeam);
    }

    private static Option<string> CreateFormat(bool acceptFormatAlias)
    {
        var option = new Option<string>("--input-format")
        {
            Description = "Input format: csv (kpi's own columns), jsonl (protobuf JSON), vicidial (vicidial_log / vicidial_agent_log), asterisk (Master.csv)",
            DefaultValueFactory = _ => InputFiles.Csv,
        }.AcceptOnlyFromAmong([.. InputFiles.Formats]);
        if (acceptFormatAlias)
        {
            option.Aliases.Add("--format");
        }

        return option;
    }

    public InputOptions Read(ParseResult parse)
    {
        var asterisk = AsteriskColumns.Default;
        if (Source(parse.GetValue(AsteriskOperator)) is var (operatorFrom, operatorPattern))
        {
            asterisk = asterisk with { OperatorFrom = operatorFrom, OperatorPattern = operatorPattern };
        }

        if (Source(parse.GetValue(AsteriskCampaign)) is var (campaignFrom, campaignPattern))
        {
            asterisk = asterisk with { CampaignFrom = campaignFrom, CampaignPattern = campaignPattern };
        }

        if (Source(parse.GetValue(AsteriskTeam)) is var (teamFrom, teamPattern))
        {
            asterisk = asterisk with { TeamFrom = teamFrom, TeamPattern = teamPattern };
        }

        return new InputOptions(
            parse.GetValue(Format)!,
            TimeZoneOption.Read(parse, TimeZone),
            parse.GetValue(Statuses),
            Renames(parse.GetValue(Map) ?? []),
            asterisk);
    }

    private static Dictionary<string, string> Renames(string[] maps)
    {
        var renames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var map in maps)
        {
            var equals = map.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == map.Length - 1)
            {
                throw new CliUsageException($"--map takes field=column, e.g. outcome=disposition, not '{map}'");
            }

            renames[map[..equals].Trim()] = map[(equals + 1)..].Trim();
        }

        return renames;
    }

    /// <summary>COLUMN or COLUMN:REGEX; the column alone means its whole value.</summary>
    private static (string Column, string? Pattern)? Source(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (value.Trim(), null) : (value[..colon].Trim(), value[(colon + 1)..]);
    }
}
