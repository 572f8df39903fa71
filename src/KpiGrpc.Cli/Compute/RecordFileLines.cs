using KpiGrpc.Cli.Import;

namespace KpiGrpc.Cli.Compute;

/// <summary>
/// The records of a file (any input format) handed out a batch at a time. Walks the file's
/// lines only: whoever opened the file disposes it.
/// </summary>
internal sealed class RecordFileLines<T>(IRecordFile<T> file)
    where T : class
{
    private readonly IEnumerator<RecordLine<T>> _lines = file.ReadLines().GetEnumerator();

    public string Name => file.Name;

    /// <summary>
    /// Hands up to <paramref name="maxRecords"/> records to <paramref name="add"/> (their line
    /// numbers to <paramref name="lineNumbers"/>), each unreadable line to
    /// <paramref name="unreadable"/>; false once the file had no line left.
    /// </summary>
    public bool Fill(int maxRecords, Action<T> add, List<int> lineNumbers, Action<int, string> unreadable)
    {
        var any = false;
        var added = 0;
        while (added < maxRecords && MoveNext())
        {
            any = true;
            var line = _lines.Current;
            if (line.Record is null)
            {
                unreadable(line.LineNumber, line.Error ?? "cannot be read");
                continue;
            }

            add(line.Record);
            lineNumbers.Add(line.LineNumber);
            added++;
        }

        return any;
    }

    private bool MoveNext()
    {
        if (_lines.MoveNext())
        {
            return true;
        }

        _lines.Dispose();
        return false;
    }
}
