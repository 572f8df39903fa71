using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Compute;

/// <summary>Calls of any input format (read as messages by <see cref="Formats.InputFiles"/>) put into columns.</summary>
internal sealed class RecordFileCalls(IRecordFile<CallRecord> file) : ICallBatchSource
{
    private readonly IEnumerator<RecordLine<CallRecord>> _lines = file.ReadLines().GetEnumerator();

    public string Name => file.Name;

    public bool Fill(CallColumnsBuilder batch, int maxCalls, List<int> lineNumbers, Action<int, string> unreadable)
    {
        var any = false;
        while (batch.Count < maxCalls && _lines.MoveNext())
        {
            any = true;
            var line = _lines.Current;
            if (line.Record is null)
            {
                unreadable(line.LineNumber, line.Error ?? "cannot be read");
                continue;
            }

            batch.Add(line.Record);
            lineNumbers.Add(line.LineNumber);
        }

        return any;
    }

    public void Dispose()
    {
        _lines.Dispose();
        file.Dispose();
    }
}
