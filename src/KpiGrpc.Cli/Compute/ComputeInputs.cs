using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Compute;

/// <summary>The files of one computation, opened before anything is sent so a bad file fails early.</summary>
internal sealed class ComputeInputs(
    ICallBatchSource calls, IRecordFile<AppointmentResult>? results, IRecordFile<OperatorSession>? sessions) : IDisposable
{
    public ICallBatchSource Calls { get; } = calls;

    public IRecordFile<AppointmentResult>? Results { get; } = results;

    public IRecordFile<OperatorSession>? Sessions { get; } = sessions;

    public void Dispose()
    {
        Calls.Dispose();
        Results?.Dispose();
        Sessions?.Dispose();
    }
}
