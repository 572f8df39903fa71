using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Compute;

/// <summary>Calls of any input format (read as messages by <see cref="Formats.InputFiles"/>) put into columns.</summary>
internal sealed class RecordFileCalls(IRecordFile<CallRecord> file) : ICallBatchSource
{
    private readonly RecordFileLines<CallRecord> _lines = new(file);

    public string Name => _lines.Name;

    public bool Fill(CallColumnsBuilder batch, int maxCalls, List<int> lineNumbers, Action<int, string> unreadable) =>
        _lines.Fill(maxCalls - batch.Count, batch.Add, lineNumbers, unreadable);

    public void Dispose() => file.Dispose();
}
