using System.Threading.Channels;
using Grpc.Core;
using KpiGrpc.Core.Access;
using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Records;
using KpiGrpc.Core.Validation;
using KpiGrpc.Server.Access;
using KpiGrpc.Server.Limits;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Services;

/// <summary>ComputeKpis: counts a streamed log in memory, answers its KPIs, keeps nothing.</summary>
public sealed class ComputeService(RecordValidator validator, BenchmarkCatalog benchmarks, ServerDrain drain, ComputeMemoryBudget memory) : V1.ComputeService.ComputeServiceBase
{
    /// <summary>Batches read and checked ahead of the one being counted.</summary>
    private const int BatchesReadAhead = 2;

    public override Task ComputeKpis(
        IAsyncStreamReader<V1.ComputeKpisRequest> requestStream, IServerStreamWriter<V1.ComputeKpisResponse> responseStream, ServerCallContext context) =>
        drain.RunComputationAsync(
            (responses, cancellationToken) => ComputeAsync(requestStream, responses, KpiClaims.ScopeOf(context), cancellationToken), responseStream, context.CancellationToken);

    private async Task ComputeAsync(
        IAsyncStreamReader<V1.ComputeKpisRequest> requestStream,
        IServerStreamWriter<V1.ComputeKpisResponse> responseStream,
        CampaignScope scope,
        CancellationToken cancellationToken)
    {
        if (!await requestStream.MoveNext(cancellationToken) || requestStream.Current.Query is not { } first)
        {
            throw new KpiRequestException("query", "the first message of a compute stream must carry the query");
        }

        // A scoped key computes only its campaigns' figures: it sent the records, but the scope holds for every role.
        var query = ComputeMapper.ToCore(first);
        query = query with { Filter = scope.Restrict(query.Filter) };
        query.Validate();
        using var reservation = memory.Reserve(ComputeMapper.ExpectedCalls(first));
        using var computation = new KpiComputation(validator, benchmarks, ComputeMapper.ExpectedCalls(first));

        // The next batches are received, decoded and checked on another thread while this one
        // counts: on a big stream each of the two takes a good part of a core (profiled).
        var ready = Channel.CreateBounded<ReadBatch>(new BoundedChannelOptions(BatchesReadAhead) { SingleReader = true, SingleWriter = true });
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadBatchesAsync(requestStream, ready.Writer, stopReading.Token), CancellationToken.None);
        try
        {
            // A batch the reader refused ends the loop with its error, after every batch before it.
            await foreach (var batch in ready.Reader.ReadAllAsync(cancellationToken))
            {
                var ack = new V1.ComputeKpisBatchAck
                {
                    BatchId = batch.BatchId,
                    Calls = AckMapper.ToProto(batch.Columns is { } columns ? computation.AddCalls(columns) : computation.AddCalls(batch.Calls)),
                    Results = AckMapper.ToProto(computation.AddResults(batch.Results)),
                    Sessions = AckMapper.ToProto(computation.AddSessions(batch.Sessions)),
                };
                // Past the budget the computation ends here, and its table is freed.
                reservation.GrowTo(computation.DistinctCalls);
                await responseStream.WriteAsync(new V1.ComputeKpisResponse { BatchAck = ack }, cancellationToken);
            }
        }
        finally
        {
            // Counting failed or the call ended: the reader must not go on reading the stream.
            await stopReading.CancelAsync();
            await reading.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }

        var result = await computation.ComputeAsync(query, cancellationToken);
        foreach (var chunk in ComputeMapper.ToChunks(result.Groups))
        {
            await responseStream.WriteAsync(new V1.ComputeKpisResponse { Groups = chunk }, cancellationToken);
        }

        await responseStream.WriteAsync(new V1.ComputeKpisResponse { Summary = ComputeMapper.ToSummary(computation, result) }, cancellationToken);
    }

    /// <summary>Reads the batches after the query, decoded and checked, until the stream ends or a batch is refused.</summary>
    private static async Task ReadBatchesAsync(IAsyncStreamReader<V1.ComputeKpisRequest> requestStream, ChannelWriter<ReadBatch> ready, CancellationToken cancellationToken)
    {
        try
        {
            while (await requestStream.MoveNext(cancellationToken))
            {
                var batch = requestStream.Current.Batch
                    ?? throw new KpiRequestException("query", "only the first message of a compute stream carries the query; the others carry batches");
                await ready.WriteAsync(Read(batch), cancellationToken);
            }

            ready.TryComplete();
        }
        catch (Exception ex)
        {
            ready.TryComplete(ex);
        }
    }

    /// <summary>A batch's records as the Core counts them; calls sent as columns are checked whole before any is counted.</summary>
    private static ReadBatch Read(V1.ComputeKpisBatch batch)
    {
        var results = RecordMapper.ToCore(batch.Results);
        var sessions = RecordMapper.ToCore(batch.Sessions);
        if (batch.CallColumns is not { } columns)
        {
            return new ReadBatch(batch.BatchId, null, RecordMapper.ToCore(batch.Calls), results, sessions);
        }

        if (batch.Calls.Count > 0)
        {
            throw new KpiRequestException("call_columns", $"batch {batch.BatchId} carries both calls and call_columns; send its calls one way only");
        }

        try
        {
            return new ReadBatch(batch.BatchId, CallColumnsView.Open(columns), [], results, sessions);
        }
        catch (KpiRequestException ex)
        {
            throw new KpiRequestException(ex.Field, $"batch {batch.BatchId}: {ex.Message}");
        }
    }

    /// <summary>One batch ready to count: its calls as columns or as records, its results and sessions.</summary>
    private sealed record ReadBatch(
        long BatchId, CallColumnsView? Columns, IReadOnlyList<CallRecord> Calls, IReadOnlyList<AppointmentResult> Results, IReadOnlyList<OperatorSession> Sessions);
}
