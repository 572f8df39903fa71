using System.Buffers;

namespace KpiGrpc.Cli.Import;

/// <summary>A line that was not stored: refused locally (unreadable) or by the server.</summary>
/// <param name="Field">The offending field, when known.</param>
/// <param name="Raw">The line as read from the file, when the reader kept it.</param>
/// <param name="Record">The record as sent, in protobuf JSON, when the server refused it.</param>
internal sealed record RejectedLine(
    string FileName, int LineNumber, string Field, string Reason, string RecordId = "", string Raw = "", string Record = "")
{
    private static readonly SearchValues<char> FieldCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-");

    /// <summary>Splits a reader's "field: reason" error; any other message is all reason.</summary>
    public static RejectedLine FromReadError(string fileName, int lineNumber, string error, string? raw)
    {
        var colon = error.IndexOf(": ", StringComparison.Ordinal);
        var isField = colon > 0 && error.AsSpan(0, colon).IndexOfAnyExcept(FieldCharacters) < 0;
        return isField
            ? new RejectedLine(fileName, lineNumber, error[..colon], error[(colon + 2)..], Raw: raw ?? "")
            : new RejectedLine(fileName, lineNumber, "", error, Raw: raw ?? "");
    }

    public override string ToString()
    {
        var reason = Field.Length > 0 && !Reason.Contains(Field, StringComparison.Ordinal) ? $"{Field}: {Reason}" : Reason;
        var record = RecordId.Length > 0 ? $" (record {RecordId})" : "";
        return $"{FileName} line {LineNumber}: {reason}{record}";
    }
}
