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
            await SendAsync(call.RequestStream, inputs.Calls.Name, CallColumns(inputs.Calls), cancellationToken);
            if (inputs.Results is { } results)
            {
                await SendAsync(call.RequestStream, results.Name, Records(results, static (batch, result) => batch.Results.Add(result)), cancellationToken);
            }

            if (inputs.Sessions is { } sessions)
            {
                await SendAsync(call.RequestStream, sessions.Name, Records(sessions, static (batch, session) => batch.Sessions.Add(session)), cancellationToken);
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
    /// Parses the file on another thread, a few batches ahead, while this one sends: reading
    /// and sending each take a core's worth of work on a big file.
    /// </summary>
    private async Task SendAsync(IClientStreamWriter<ComputeKpisRequest> requests, string fileName, FillBatch fill, CancellationToken cancellationToken)
    {
        var ready = Channel.CreateBounded<ComputeKpisBatch>(new BoundedChannelOptions(BatchesReadAhead) { SingleReader = true, SingleWriter = true });
        var reader = Task.Run(() => ReadBatchesAsync(fileName, fill, ready.Writer, cancellationToken), CancellationToken.None);
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

    private async Task ReadBatchesAsync(string fileName, FillBatch fill, ChannelWriter<ComputeKpisBatch> ready, CancellationToken cancellationToken)
    {
        try
        {
            var lines = new List<int>(batchSize);
            void Unreadable(int line, string reason) => _rejections.Enqueue(new ComputeRejection(fileName, line, reason));
            bool more;
            do
            {
                var batch = NewBatch();
                lines.Clear();
                more = fill(batch, lines, Unreadable);
                if (lines.Count > 0)
                {
                    _sent[batch.BatchId] = new SentBatch(fileName, [.. lines]);
                    await ready.WriteAsync(batch, cancellationToken);
                }
            }
            while (more);

            ready.TryComplete();
        }
        catch (Exception ex)
        {
            ready.TryComplete(ex);
            throw;
        }
    }

    /// <summary>Calls go in columns: far less to encode here and to decode on the server than a message per call.</summary>
    private FillBatch CallColumns(ICallBatchSource calls)
    {
        // One builder for every batch: each message gets its own copy of the values.
        var columns = new CallColumnsBuilder(batchSize);
        return (batch, lines, unreadable) =>
        {
            var more = calls.Fill(columns, batchSize, lines, unreadable);
            batch.CallColumns = columns.Build();
            return more;
        };
    }

    private FillBatch Records<T>(IRecordFile<T> file, Action<ComputeKpisBatch, T> add)
        where T : class
    {
        var lines = new RecordFileLines<T>(file);
        return (batch, numbers, unreadable) => lines.Fill(batchSize, record => add(batch, record), numbers, unreadable);
    }

    private ComputeKpisBatch NewBatch() => new() { BatchId = Interlocked.Increment(ref _nextBatchId) };

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

    /// <summary>
    /// Adds the next records of a file to a batch (their line numbers to the list, unreadable
    /// lines to the callback); false once the file has no line left.
    /// </summary>
    private delegate bool FillBatch(ComputeKpisBatch batch, List<int> lineNumbers, Action<int, string> unreadable);

    /// <summary>A batch awaiting its ack: its file and the line of each record.</summary>
    private sealed record SentBatch(string File, int[] Lines);
}
