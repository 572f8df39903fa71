using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.V1;

namespace KpiGrpc.Bench;

/// <summary>
/// Watches, each on its own connection as each wallboard is its own client. Unread ones open
/// the stream and never read a message; reading ones read everything and count it.
/// </summary>
public sealed class WatchClients : IAsyncDisposable
{
    private readonly List<GrpcChannel> _channels = [];
    private readonly List<AsyncServerStreamingCall<WatchKpisResponse>> _calls = [];
    private readonly List<Task> _readers = [];
    private readonly CancellationTokenSource _stop = new();
    private long _messages;

    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Opens the watches and returns once the server has started sending each one its snapshot.</summary>
    public static async Task<WatchClients> OpenAsync(Uri address, IEnumerable<WatchKpisRequest> requests, bool read)
    {
        var clients = new WatchClients();
        foreach (var request in requests)
        {
            var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
            clients._channels.Add(channel);
            var call = new KpiService.KpiServiceClient(channel).WatchKpis(request, cancellationToken: clients._stop.Token);
            clients._calls.Add(call);
        }

        // Response headers come with the first message: the watch is established, its snapshot computed.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await Task.WhenAll(clients._calls.Select(call => call.ResponseHeadersAsync.WaitAsync(timeout.Token)));
        if (read)
        {
            clients._readers.AddRange(clients._calls.Select(clients.ReadAsync));
        }

        return clients;
    }

    private async Task ReadAsync(AsyncServerStreamingCall<WatchKpisResponse> call)
    {
        try
        {
            while (await call.ResponseStream.MoveNext(_stop.Token))
            {
                Interlocked.Increment(ref _messages);
            }

            throw new InvalidOperationException("the server ended a watch");
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        _calls.ForEach(call => call.Dispose());
        _channels.ForEach(channel => channel.Dispose());
        _stop.Dispose();
    }
}
