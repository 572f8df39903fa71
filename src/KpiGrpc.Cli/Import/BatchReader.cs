namespace KpiGrpc.Cli.Import;

/// <summary>
/// Cuts a file into batches of at most <c>batchSize</c> lines, read or not, so a file of only bad
/// lines still moves forward in bounded memory. Lines up to <c>skipThrough</c> were acknowledged
/// by an earlier run and are skipped.
/// </summary>
internal sealed class BatchReader<T>(IRecordFile<T> file, int batchSize, int skipThrough, long firstBatchId) : IDisposable
    where T : class
{
    private readonly IEnumerator<RecordLine<T>> _lines = file.ReadLines().GetEnumerator();
    private long _nextId = firstBatchId;
    private bool _finished;

    public bool TryRead(out ImportBatch<T> batch)
    {
        var records = new List<T>(batchSize);
        var lineNumbers = new List<int>(batchSize);
        var unreadable = new List<RejectedLine>();
        var lastLine = 0;
        while (records.Count + unreadable.Count < batchSize && !_finished)
        {
            if (!_lines.MoveNext())
            {
                _finished = true;
                break;
            }

            var line = _lines.Current;
            if (line.LineNumber <= skipThrough)
            {
                continue;
            }

            lastLine = line.LineNumber;
            if (line.IsValid)
            {
                records.Add(line.Record!);
                lineNumbers.Add(line.LineNumber);
            }
            else
            {
                unreadable.Add(RejectedLine.FromReadError(file.Name, line.LineNumber, line.Error!, line.Raw));
            }
        }

        var count = records.Count + unreadable.Count;
        batch = new ImportBatch<T>(_nextId, records, [.. lineNumbers], unreadable, lastLine, count);
        if (count == 0)
        {
            return false;
        }

        _nextId++;
        return true;
    }

    public void Dispose() => _lines.Dispose();
}
