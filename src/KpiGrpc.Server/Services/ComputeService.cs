using Grpc.Core;
using KpiGrpc.Core.Computing;
using KpiGrpc.Core.Ingest;
using KpiGrpc.Core.Kpis;
using KpiGrpc.Core.Querying;
using KpiGrpc.Core.Validation;
using KpiGrpc.Server.Mapping;

namespace KpiGrpc.Server.Services;

/// <summary>ComputeKpis: counts a streamed log in memory, answers its KPIs, keeps nothing.</summary>
public sealed class ComputeService(RecordValidator validator, BenchmarkCatalog benchmarks) : V1.ComputeService.ComputeServiceBase
{
    public override async Task ComputeKpis(
        IAsyncStreamReader<V1.ComputeKpisRequest> requestStream, IServerStreamWriter<V1.ComputeKpisResponse> responseStream, ServerCallContext context)
    {
        var cancellationToken = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellationToken) || requestStream.Current.Query is not { } first)
        {
            throw new KpiRequestException("query", "the first message of a compute stream must carry the query");
        }

        var query = ComputeMapper.ToCore(first);
        query.Validate();
        using var computation = new KpiComputation(validator, benchmarks, ComputeMapper.ExpectedCalls(first));
        while (await requestStream.MoveNext(cancellationToken))
        {
            var batch = requestStream.Current.Batch
                ?? throw new KpiRequestException("query", "only the first message of a compute stream carries the query; the others carry batches");
            var ack = new V1.ComputeKpisBatchAck
            {
                BatchId = batch.BatchId,
                Calls = AckMapper.ToProto(AddCalls(computation, batch)),
                Results = AckMapper.ToProto(computation.AddResults(RecordMapper.ToCore(batch.Results))),
                Sessions = AckMapper.ToProto(computation.AddSessions(RecordMapper.ToCore(batch.Sessions))),
            };
            await responseStream.WriteAsync(new V1.ComputeKpisResponse { BatchAck = ack }, cancellationToken);
        }

        var result = await computation.ComputeAsync(query, cancellationToken);
        foreach (var chunk in ComputeMapper.ToChunks(result.Groups))
        {
            await responseStream.WriteAsync(new V1.ComputeKpisResponse { Groups = chunk }, cancellationToken);
        }

        await responseStream.WriteAsync(new V1.ComputeKpisResponse { Summary = ComputeMapper.ToSummary(computation, result) }, cancellationToken);
    }

    /// <summary>The batch's calls, sent as messages or as columns (checked whole before any is counted).</summary>
    private static BatchResult AddCalls(KpiComputation computation, V1.ComputeKpisBatch batch)
    {
        if (batch.CallColumns is not { } columns)
        {
            return computation.AddCalls(RecordMapper.ToCore(batch.Calls));
        }

        if (batch.Calls.Count > 0)
        {
            throw new KpiRequestException("call_columns", $"batch {batch.BatchId} carries both calls and call_columns; send its calls one way only");
        }

        CallColumnsView view;
        try
        {
            view = CallColumnsView.Open(columns);
        }
        catch (KpiRequestException ex)
        {
            throw new KpiRequestException(ex.Field, $"batch {batch.BatchId}: {ex.Message}");
        }

        return computation.AddCalls(view);
    }
}
