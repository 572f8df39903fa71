using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>
/// A batch client of IngestService.ImportCalls: keeps a window of batches in flight, and
/// checks each ack (in order, whole batch accepted) as it arrives.
/// </summary>
public static class ImportStream
{
    /// <summary>Sends every batch; returns the calls acknowledged as accepted (durable).</summary>
    public static async Task<long> SendAllAsync(GrpcChannel channel, IReadOnlyList<ImportCallsRequest> requests, int inFlight)
    {
        var client = new IngestService.IngestServiceClient(channel);
        using var call = client.ImportCalls();
        using var window = new SemaphoreSlim(inFlight);
        using var failed = new CancellationTokenSource();
        long accepted = 0;

        var reader = Task.Run(async () =>
        {
            try
            {
                var next = 0;
                await foreach (var response in call.ResponseStream.ReadAllAsync())
                {
                    accepted += CheckAck(response, next, requests[next].Calls.Count);
                    next++;
                    window.Release();
                }

                if (next != requests.Count)
                {
                    throw new InvalidOperationException($"the stream ended after {next} of {requests.Count} acks");
                }
            }
            catch
            {
                await failed.CancelAsync();
                throw;
            }
        });

        try
        {
            foreach (var request in requests)
            {
                await window.WaitAsync(failed.Token);
                await call.RequestStream.WriteAsync(request, failed.Token);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (OperationCanceledException) when (failed.IsCancellationRequested)
        {
            // The reader's exception says what went wrong.
        }

        await reader;
        return accepted;
    }

    private static int CheckAck(ImportCallsResponse response, long expectedBatchId, int sent)
    {
        if (response.BatchId != expectedBatchId)
        {
            throw new InvalidOperationException($"ack for batch {response.BatchId} arrived where {expectedBatchId} was due");
        }

        var ack = response.Ack;
        if (ack.Accepted != sent || ack.Rejections.Count > 0)
        {
            var first = ack.Rejections.FirstOrDefault();
            throw new InvalidOperationException(
                $"batch {expectedBatchId}: {ack.Accepted} of {sent} accepted, {ack.Rejections.Count} rejected"
                + (first is null ? "" : $" (first: {first.Field}: {first.Reason})"));
        }

        return ack.Accepted;
    }
}
