using Grpc.Core;

namespace KpiGrpc.Server.Tests;

/// <summary>Runs one ComputeKpis call: the query, then the batches, then reads everything the server answers.</summary>
internal static class ComputeStream
{
    public static async Task<ComputeAnswer> RunAsync(
        V1.ComputeService.ComputeServiceClient client, V1.ComputeKpisQuery query, params V1.ComputeKpisBatch[] batches)
    {
        using var call = client.ComputeKpis();
        await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest { Query = query });
        foreach (var batch in batches)
        {
            await call.RequestStream.WriteAsync(new V1.ComputeKpisRequest { Batch = batch });
        }

        await call.RequestStream.CompleteAsync();
        var responses = await call.ResponseStream.ReadAllAsync().ToListAsync();
        return new ComputeAnswer(
            [.. responses.Where(r => r.PayloadCase == V1.ComputeKpisResponse.PayloadOneofCase.BatchAck).Select(r => r.BatchAck)],
            [.. responses.Where(r => r.PayloadCase == V1.ComputeKpisResponse.PayloadOneofCase.Groups).SelectMany(r => r.Groups.Groups)],
            Assert.Single(responses, r => r.PayloadCase == V1.ComputeKpisResponse.PayloadOneofCase.Summary).Summary,
            responses.Last().PayloadCase);
    }
}

/// <summary>Everything a compute call answered, and the kind of its last message.</summary>
internal sealed record ComputeAnswer(
    IReadOnlyList<V1.ComputeKpisBatchAck> Acks,
    IReadOnlyList<V1.KpiGroup> Groups,
    V1.ComputeKpisSummary Summary,
    V1.ComputeKpisResponse.PayloadOneofCase LastMessage);
