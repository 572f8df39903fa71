using System.Text.RegularExpressions;
using KpiGrpc.Cli.Csv;

namespace KpiGrpc.Cli.Formats.Asterisk;

/// <summary>A value taken from a CDR column, through a pattern when one is configured.</summary>
internal sealed record AsteriskField(string Role, string Column, int Index, Regex? Pattern)
{
    /// <summary>The value in <paramref name="columns"/>; throws <see cref="CsvFieldException"/> when it is empty or does not match.</summary>
    public string Read(IReadOnlyList<string> columns, bool required)
    {
        var text = Index < columns.Count ? columns[Index] : "";
        if (Pattern is null || text.Length == 0)
        {
            return text.Length > 0 || !required
                ? text
                : throw new CsvFieldException(Column, $"is empty, and the {Role} is required: choose another {Role} column");
        }

        var match = Pattern.Match(text);
        if (!match.Success)
        {
            return required
                ? throw new CsvFieldException(Column, $"'{text}' does not match the {Role} pattern '{Pattern}'")
                : "";
        }

        var group = match.Groups["id"] is { Success: true } id ? id : match.Groups.Count > 1 ? match.Groups[1] : match.Groups[0];
        return group.Value.Length > 0 || !required
            ? group.Value
            : throw new CsvFieldException(Column, $"'{text}' gives an empty {Role} with the pattern '{Pattern}'");
    }
}
