using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using KpiGrpc.Cli.Import;
using KpiGrpc.V1;

namespace KpiGrpc.Cli.Compute;

/// <summary>
/// Streams the files of a computation through one ComputeKpis call: the query, then the calls,
/// results and sessions in batches, while a second task reads the acks (matching each
/// rejection to its line) and, once the upload is complete, the groups and the summary.
/// </summary>
internal sealed class ComputeUpload(ComputeService.ComputeServiceClient client, int batchSize)
{
    /// <summary>Batches parsed ahead of the one being sent.</summary>
    private const int BatchesReadAhead = 2;

    /// <summary>How long a failed write waits for the call's status, which says more than the write's error.</summary>
    private static readonly TimeSpan StatusWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<long, SentBatch> _sent = new();
    private readonly ConcurrentQueue<ComputeRejection> _rejections = new();
    private long _nextBatchId;

    public async Task<ComputeOutcome> RunAsync(ComputeKpisQuery query, ComputeInputs inputs, CancellationToken cancellationToken)
    {
        using var call = client.ComputeKpis(cancellationToken: cancellationToken);
        var answer = Task.Run(() => ReadAnswerAsync(call.ResponseStream, cancellationToken), CancellationToken.None);
        try
        {
            await call.RequestStream.WriteAsync(new ComputeKpisRequest { Query = query }, cancellationToken);
            await SendAsync(call.RequestStream, inputs.Calls, static (batch, call) => batch.Calls.Add(call), cancellationToken);
            if (inputs.Results is { } results)
            {
                await SendAsync(call.RequestStream, results, static (batch, result) => batch.Results.Add(result), cancellationToken);
            }

            if (inputs.Sessions is { } sessions)
            {
                await SendAsync(call.RequestStream, sessions, static (batch, session) => batch.Sessions.Add(session), cancellationToken);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A write only knows the call is over; the response stream knows why (e.g. a refused query).
            await Task.WhenAny(answer, Task.Delay(StatusWait, CancellationToken.None));
            if (!answer.IsFaulted)
            {
                throw;
            }
        }

        var (groups, summary) = await answer;
        var refused = _rejections.OrderBy(r => r.File, StringComparer.Ordinal).ThenBy(r => r.LineNumber).ToList();
        return new ComputeOutcome(groups, summary, refused);
    }

    /// <summary>
    /// Parses the file on another thread, a few batches ahead, while this one serializes and
    /// sends: reading and sending each take a core's worth of work on a big file.
    /// </summary>
    private async Task SendAsync<T>(
        IClientStreamWriter<ComputeKpisRequest> requests, IRecordFile<T> file, Action<ComputeKpisBatch, T> add, CancellationToken cancellationToken)
        where T : class
    {
        var ready = Channel.CreateBounded<ComputeKpisBatch>(new BoundedChannelOptions(BatchesReadAhead) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadBatchesAsync(file, add, ready.Writer, cancellationToken), CancellationToken.None);
        try
        {
            await foreach (var batch in ready.Reader.ReadAllAsync(cancellationToken))
            {
                await requests.WriteAsync(new ComputeKpisRequest { Batch = batch }, cancellationToken);
            }
        }
        finally
        {
            ready.Writer.TryComplete();
            await reader.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
        }

        await reader;
    }

    private async Task ReadBatchesAsync<T>(IRecordFile<T> file, Action<ComputeKpisBatch, T> add, ChannelWriter<ComputeKpisBatch> ready, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var batch = NewBatch();
            var lines = new List<int>(batchSize);
            foreach (var line in file.ReadLines())
            {
                if (line.Record is null)
                {
                    _rejections.Enqueue(new ComputeRejection(file.Name, line.LineNumber, line.Error ?? "cannot be read"));
                    continue;
                }

                add(batch, line.Record);
                lines.Add(line.LineNumber);
                if (lines.Count == batchSize)
                {
                    await HandOverAsync(batch, file.Name, lines, ready, cancellationToken);
                    batch = NewBatch();
                    lines.Clear();
                }
            }

            if (lines.Count > 0)
            {
                await HandOverAsync(batch, file.Name, lines, ready, cancellationToken);
            }

            ready.TryComplete();
        }
        catch (Exception ex)
        {
            ready.TryComplete(ex);
            throw;
        }
    }

    private ComputeKpisBatch NewBatch() => new() { BatchId = Interlocked.Increment(ref _nextBatchId) };

    private ValueTask HandOverAsync(ComputeKpisBatch batch, string fileName, List<int> lines, ChannelWriter<ComputeKpisBatch> ready, CancellationToken cancellationToken)
    {
        _sent[batch.BatchId] = new SentBatch(fileName, [.. lines]);
        return ready.WriteAsync(batch, cancellationToken);
    }

    private async Task<(List<KpiGroup> Groups, ComputeKpisSummary Summary)> ReadAnswerAsync(
        IAsyncStreamReader<ComputeKpisResponse> responses, CancellationToken cancellationToken)
    {
        var groups = new List<KpiGroup>();
        await foreach (var response in responses.ReadAllAsync(cancellationToken))
        {
            switch (response.PayloadCase)
            {
                case ComputeKpisResponse.PayloadOneofCase.BatchAck:
                    Acknowledge(response.BatchAck);
                    break;
                case ComputeKpisResponse.PayloadOneofCase.Groups:
                    groups.AddRange(response.Groups.Groups);
                    break;
                case ComputeKpisResponse.PayloadOneofCase.Summary:
                    return (groups, response.Summary);
            }
        }

        throw new RpcException(new Status(StatusCode.Internal, "the server ended the compute stream without a summary"));
    }

    private void Acknowledge(ComputeKpisBatchAck ack)
    {
        if (!_sent.TryRemove(ack.BatchId, out var batch))
        {
            return;
        }

        // A batch carries one kind of record, so its rejections are in one of the three acks.
        foreach (var kind in new[] { ack.Calls, ack.Results, ack.Sessions })
        {
            if (kind is null)
            {
                continue;
            }

            foreach (var rejection in kind.Rejections)
            {
                var line = rejection.Index >= 0 && rejection.Index < batch.Lines.Length ? batch.Lines[rejection.Index] : 0;
                _rejections.Enqueue(new ComputeRejection(batch.File, line, $"{rejection.Field}: {rejection.Reason}"));
            }
        }
    }

    /// <summary>A batch awaiting its ack: its file and the line of each record.</summary>
    private sealed record SentBatch(string File, int[] Lines);
}
