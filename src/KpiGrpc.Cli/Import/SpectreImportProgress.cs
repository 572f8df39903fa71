using Spectre.Console;

namespace KpiGrpc.Cli.Import;

/// <summary>A progress bar per file on an interactive terminal; its size is the file's bytes, its rate in records.</summary>
internal sealed class SpectreImportProgress(ProgressTask task, string fileName) : IImportProgress
{
    private readonly ImportRate _rate = new((long)task.MaxValue);

    public void Read(long bytesRead)
    {
        _rate.Read(bytesRead);
        task.Value = bytesRead;
    }

    public void Acknowledged(int records)
    {
        _rate.Acknowledged(records);
        RecordRateColumn.Update(task, _rate);
    }

    public void Retrying(string message) =>
        task.Description = $"{Markup.Escape(fileName)} [yellow]{Markup.Escape(message)}[/]";

    public void Complete(long length)
    {
        task.Description = Markup.Escape(fileName);
        RecordRateColumn.Update(task, _rate);
        task.Value = length;
        task.StopTask();
    }
}
