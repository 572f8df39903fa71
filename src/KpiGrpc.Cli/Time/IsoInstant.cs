using System.Globalization;

namespace KpiGrpc.Cli.Time;

/// <summary>ISO-8601 instants: a date and time with Z or a UTC offset. A local time alone is ambiguous and refused.</summary>
internal static class IsoInstant
{
    private static readonly string[] WithOffset =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd HH:mmzzz",
    ];

    private static readonly string[] WithZ =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm'Z'",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd HH:mm'Z'",
    ];

    private static readonly string[] LocalOnly =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd HH:mm",
    ];

    /// <summary>Parses <paramref name="text"/>, or says in <paramref name="error"/> why it is not an instant.</summary>
    public static bool TryParse(string text, out DateTimeOffset instant, out string? error)
    {
        var culture = CultureInfo.InvariantCulture;
        if (DateTimeOffset.TryParseExact(text, WithOffset, culture, DateTimeStyles.None, out instant)
            || DateTimeOffset.TryParseExact(text, WithZ, culture, DateTimeStyles.AssumeUniversal, out instant))
        {
            error = null;
            return true;
        }

        error = DateTime.TryParseExact(text, LocalOnly, culture, DateTimeStyles.None, out _)
            ? $"'{text}' has no UTC offset: add Z or an offset such as +01:00"
            : $"'{text}' is not an ISO-8601 instant such as 2026-03-28T09:15:00+01:00";
        return false;
    }
}
