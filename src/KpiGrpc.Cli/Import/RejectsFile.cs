using System.Text;

namespace KpiGrpc.Cli.Import;

/// <summary>
/// --rejects: every rejected line as CSV, written as batches are acknowledged and never held in
/// memory. Columns: file, line, field, reason, record_id, raw (the line as read, when the reader
/// keeps it), record (the record as sent, in protobuf JSON, when the server refused it).
/// </summary>
internal sealed class RejectsFile : IDisposable
{
    private const string Header = "file,line,field,reason,record_id,raw,record";
    private readonly FileStream? _stream;
    private readonly StreamWriter? _writer;

    private RejectsFile(string? path, FileStream? stream)
    {
        Path = path;
        _stream = stream;
        _writer = stream is null ? null : new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
    }

    /// <summary>No --rejects: rejected lines are only counted.</summary>
    public static RejectsFile None { get; } = new(null, null);

    public string? Path { get; }

    /// <summary>Bytes written so far: recorded in the checkpoint after each batch.</summary>
    public long Length => _stream?.Position ?? 0;

    /// <summary>Starts a new file, or cuts an existing one back to <paramref name="resumeAt"/> bytes and appends.</summary>
    public static RejectsFile Open(string path, long? resumeAt)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var resume = resumeAt is > 0 && File.Exists(fullPath) && new FileInfo(fullPath).Length >= resumeAt;
        var stream = new FileStream(fullPath, resume ? FileMode.Open : FileMode.Create, FileAccess.Write, FileShare.Read);
        var file = new RejectsFile(fullPath, stream);
        if (resume)
        {
            // Rows past the checkpoint belong to batches the resumed run sends again.
            stream.SetLength(resumeAt!.Value);
            stream.Seek(0, SeekOrigin.End);
        }
        else
        {
            file._writer!.WriteLine(Header);
            file._writer.Flush();
        }

        return file;
    }

    /// <summary>Appends the rows and flushes them to the file before the checkpoint records its length.</summary>
    public void Write(IReadOnlyList<RejectedLine> lines)
    {
        if (_writer is null || lines.Count == 0)
        {
            return;
        }

        foreach (var line in lines)
        {
            _writer.Write(Quote(line.FileName));
            _writer.Write(',');
            _writer.Write(line.LineNumber);
            foreach (var value in new[] { line.Field, line.Reason, line.RecordId, line.Raw, line.Record })
            {
                _writer.Write(',');
                _writer.Write(Quote(value));
            }

            _writer.WriteLine();
        }

        _writer.Flush();
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _stream?.Dispose();
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
