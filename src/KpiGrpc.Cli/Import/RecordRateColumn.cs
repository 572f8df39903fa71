using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KpiGrpc.Cli.Import;

/// <summary>
/// Records acknowledged and records per second: the task's own speed is in bytes, which says
/// little to someone counting calls.
/// </summary>
internal sealed class RecordRateColumn : ProgressColumn
{
    private const string RecordsKey = "records";
    private const string RateKey = "records/s";

    public static void Update(ProgressTask task, ImportRate rate)
    {
        task.State.Update<long>(RecordsKey, _ => rate.Records);
        task.State.Update<double>(RateKey, _ => rate.RecordsPerSecond);
    }

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var records = task.State.Get<long>(RecordsKey);
        var rate = task.State.Get<double>(RateKey);
        return new Text(string.Create(CultureInfo.InvariantCulture, $"{records:N0} records, {rate:N0}/s"), new Style(Color.Grey));
    }
}
