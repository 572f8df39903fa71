using System.Text.RegularExpressions;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Formats.Asterisk;

/// <summary>
/// The columns of Asterisk's cdr_csv Master.csv, which has no header: 16 fixed columns, then
/// the optional ones in this order when the CDR configuration adds them.
/// </summary>
internal static class AsteriskCdrColumns
{
    public const int Start = 9;
    public const int Billsec = 13;
    public const int Disposition = 14;
    public const int UniqueId = 16;

    /// <summary>Columns every row has (accountcode to amaflags).</summary>
    public const int Fixed = 16;

    public static IReadOnlyList<string> Names { get; } =
    [
        "accountcode", "src", "dst", "dcontext", "clid", "channel", "dstchannel", "lastapp", "lastdata",
        "start", "answer", "end", "duration", "billsec", "disposition", "amaflags",
        "uniqueid", "userfield", "peeraccount", "linkedid", "sequence",
    ];

    /// <summary>Reads one configured source (column + optional pattern); throws <see cref="CsvSchemaException"/> for a bad option.</summary>
    public static AsteriskField Bind(string role, string column, string? pattern)
    {
        var index = Names.ToList().FindIndex(n => n.Equals(column, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            throw new CsvSchemaException($"Asterisk {role} column '{column}' is not a Master.csv column (one of {string.Join(", ", Names)})");
        }

        try
        {
            var regex = pattern is null ? null : new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            return new AsteriskField(role, Names[index], index, regex);
        }
        catch (ArgumentException ex)
        {
            throw new CsvSchemaException($"Asterisk {role} pattern '{pattern}' is not a valid regular expression: {ex.Message}");
        }
    }
}
