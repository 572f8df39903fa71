using Spectre.Console;

namespace KpiGrpc.Cli.Import;

/// <summary>A progress bar per file on an interactive terminal; its size is the file's bytes.</summary>
internal sealed class SpectreImportProgress(ProgressTask task, string fileName) : IImportProgress
{
    private long _acknowledged;

    public void Read(long bytesRead) => task.Value = bytesRead;

    public void Acknowledged(int records)
    {
        var total = Interlocked.Add(ref _acknowledged, records);
        task.Description = $"{Markup.Escape(fileName)} [grey]({total:N0} acknowledged)[/]";
    }

    public void Complete(long length)
    {
        task.Value = length;
        task.StopTask();
    }
}
