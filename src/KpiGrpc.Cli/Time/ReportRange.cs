using System.Globalization;
using KpiGrpc.Cli.Commands;

namespace KpiGrpc.Cli.Time;

/// <summary>The [from, to) range of a report, from the --from/--to arguments.</summary>
internal readonly record struct ReportRange(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>How far back a report looks when --from is not given.</summary>
    public const int DefaultDays = 30;

    /// <summary>
    /// Each bound is an ISO instant or a date (local midnight in <paramref name="zone"/>). By
    /// default the range ends at the next local midnight and starts <see cref="DefaultDays"/> days earlier.
    /// </summary>
    public static ReportRange Resolve(string? from, string? to, TimeZoneInfo zone, DateTimeOffset now)
    {
        var end = to is null
            ? LocalCalendar.StartOfDay(LocalCalendar.DateOf(now, zone).AddDays(1), zone)
            : ParseBound(to, "--to", zone);
        var start = from is null
            ? LocalCalendar.StartOfDay(LocalCalendar.DateOf(end, zone).AddDays(-DefaultDays), zone)
            : ParseBound(from, "--from", zone);
        return start < end
            ? new ReportRange(start, end)
            : throw new CliUsageException($"--from ({start:O}) must be before --to ({end:O})");
    }

    /// <summary>An ISO instant, or a yyyy-MM-dd date meaning local midnight.</summary>
    public static DateTimeOffset ParseBound(string text, string option, TimeZoneInfo zone)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return LocalCalendar.StartOfDay(day, zone);
        }

        return IsoInstant.TryParse(text, out var instant, out var error)
            ? instant
            : throw new CliUsageException($"{option}: {error}, or a date such as 2026-03-28");
    }
}
