using System.CommandLine;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Cli.Commands;

/// <summary>--tz: an IANA time zone, looked up exactly as the server looks up a query's zone (none means UTC).</summary>
internal static class TimeZoneOption
{
    public static Option<string?> Create(string description) => new("--tz") { Description = description };

    /// <summary>The zone named; throws <see cref="CliUsageException"/> for a name the system does not know.</summary>
    public static TimeZoneInfo Read(ParseResult parse, Option<string?> option)
    {
        try
        {
            return TimeZones.Find(parse.GetValue(option), option.Name);
        }
        catch (KpiRequestException ex)
        {
            throw new CliUsageException($"{ex.Field}: {ex.Message}");
        }
    }
}
