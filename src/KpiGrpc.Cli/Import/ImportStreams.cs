using KpiGrpc.V1;

namespace KpiGrpc.Cli.Import;

/// <summary>Opens the import stream of each record kind.</summary>
internal static class ImportStreams
{
    public static IImportStream<CallRecord> Calls(IngestService.IngestServiceClient client, CancellationToken cancellationToken) =>
        new ImportStream<CallRecord, ImportCallsRequest, ImportCallsResponse>(
            client.ImportCalls(cancellationToken: cancellationToken),
            (batchId, records) => new ImportCallsRequest { BatchId = batchId, Calls = { records } },
            response => new BatchAcknowledgement(response.BatchId, response.Ack));

    public static IImportStream<AppointmentResult> Results(IngestService.IngestServiceClient client, CancellationToken cancellationToken) =>
        new ImportStream<AppointmentResult, ImportAppointmentResultsRequest, ImportAppointmentResultsResponse>(
            client.ImportAppointmentResults(cancellationToken: cancellationToken),
            (batchId, records) => new ImportAppointmentResultsRequest { BatchId = batchId, Results = { records } },
            response => new BatchAcknowledgement(response.BatchId, response.Ack));

    public static IImportStream<OperatorSession> Sessions(IngestService.IngestServiceClient client, CancellationToken cancellationToken) =>
        new ImportStream<OperatorSession, ImportSessionsRequest, ImportSessionsResponse>(
            client.ImportSessions(cancellationToken: cancellationToken),
            (batchId, records) => new ImportSessionsRequest { BatchId = batchId, Sessions = { records } },
            response => new BatchAcknowledgement(response.BatchId, response.Ack));
}
