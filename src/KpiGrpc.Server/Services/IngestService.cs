using Grpc.Core;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Server.Access;
using KpiGrpc.Server.Limits;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Services;

/// <summary>
/// Ingest RPCs: map, hand to the ingestor with the caller's campaign scope, map the per-record outcome
/// back; no new batch once the server stops, nor past the key's records a second.
/// </summary>
public sealed class IngestService(KpiIngestor ingestor, ServerDrain drain, KeyRecordLimits records) : V1.IngestService.IngestServiceBase
{
    public override async Task<V1.RecordCallsResponse> RecordCalls(V1.RecordCallsRequest request, ServerCallContext context)
    {
        drain.ThrowIfStopping();
        records.Take(context, request.Calls.Count);
        var result = await ingestor.RecordCallsAsync(RecordMapper.ToCore(request.Calls), KpiClaims.ScopeOf(context), context.CancellationToken);
        return new V1.RecordCallsResponse { Ack = AckMapper.ToProto(result) };
    }

    public override async Task<V1.RecordAppointmentResultsResponse> RecordAppointmentResults(V1.RecordAppointmentResultsRequest request, ServerCallContext context)
    {
        drain.ThrowIfStopping();
        records.Take(context, request.Results.Count);
        var result = await ingestor.RecordResultsAsync(RecordMapper.ToCore(request.Results), KpiClaims.ScopeOf(context), context.CancellationToken);
        return new V1.RecordAppointmentResultsResponse { Ack = AckMapper.ToProto(result) };
    }

    public override async Task<V1.RecordSessionsResponse> RecordSessions(V1.RecordSessionsRequest request, ServerCallContext context)
    {
        drain.ThrowIfStopping();
        records.Take(context, request.Sessions.Count);
        var result = await ingestor.RecordSessionsAsync(RecordMapper.ToCore(request.Sessions), KpiClaims.ScopeOf(context), context.CancellationToken);
        return new V1.RecordSessionsResponse { Ack = AckMapper.ToProto(result) };
    }

    public override Task ImportCalls(
        IAsyncStreamReader<V1.ImportCallsRequest> requestStream, IServerStreamWriter<V1.ImportCallsResponse> responseStream, ServerCallContext context) =>
        ImportPipeline.RunAsync(requestStream, responseStream, (batch, token) => StoreCallsAsync(batch, context, token), ack => ack.BatchId, drain.Stopping, context.CancellationToken);

    public override Task ImportAppointmentResults(
        IAsyncStreamReader<V1.ImportAppointmentResultsRequest> requestStream, IServerStreamWriter<V1.ImportAppointmentResultsResponse> responseStream, ServerCallContext context) =>
        ImportPipeline.RunAsync(requestStream, responseStream, (batch, token) => StoreResultsAsync(batch, context, token), ack => ack.BatchId, drain.Stopping, context.CancellationToken);

    public override Task ImportSessions(
        IAsyncStreamReader<V1.ImportSessionsRequest> requestStream, IServerStreamWriter<V1.ImportSessionsResponse> responseStream, ServerCallContext context) =>
        ImportPipeline.RunAsync(requestStream, responseStream, (batch, token) => StoreSessionsAsync(batch, context, token), ack => ack.BatchId, drain.Stopping, context.CancellationToken);

    private async Task<V1.ImportCallsResponse> StoreCallsAsync(V1.ImportCallsRequest request, ServerCallContext context, CancellationToken cancellationToken)
    {
        records.Take(context, request.Calls.Count);
        var result = await ingestor.RecordCallsAsync(RecordMapper.ToCore(request.Calls), KpiClaims.ScopeOf(context), cancellationToken);
        return new V1.ImportCallsResponse { BatchId = request.BatchId, Ack = AckMapper.ToProto(result) };
    }

    private async Task<V1.ImportAppointmentResultsResponse> StoreResultsAsync(V1.ImportAppointmentResultsRequest request, ServerCallContext context, CancellationToken cancellationToken)
    {
        records.Take(context, request.Results.Count);
        var result = await ingestor.RecordResultsAsync(RecordMapper.ToCore(request.Results), KpiClaims.ScopeOf(context), cancellationToken);
        return new V1.ImportAppointmentResultsResponse { BatchId = request.BatchId, Ack = AckMapper.ToProto(result) };
    }

    private async Task<V1.ImportSessionsResponse> StoreSessionsAsync(V1.ImportSessionsRequest request, ServerCallContext context, CancellationToken cancellationToken)
    {
        records.Take(context, request.Sessions.Count);
        var result = await ingestor.RecordSessionsAsync(RecordMapper.ToCore(request.Sessions), KpiClaims.ScopeOf(context), cancellationToken);
        return new V1.ImportSessionsResponse { BatchId = request.BatchId, Ack = AckMapper.ToProto(result) };
    }
}
