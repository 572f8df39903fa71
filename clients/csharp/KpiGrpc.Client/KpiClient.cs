using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using KpiGrpc.V1;
using Polly;

namespace KpiGrpc.Client;

/// <summary>
/// Typed access to the KpiGrpc service: ingest, query and live watch, with a deadline on every
/// call, retries of transient failures and a circuit breaker. Thread-safe; keep one per server.
/// </summary>
public sealed class KpiClient : IDisposable
{
    private readonly GrpcChannel? _ownedChannel;
    private readonly IngestService.IngestServiceClient _ingest;
    private readonly KpiService.KpiServiceClient _kpis;
    private readonly ResiliencePipeline _calls;
    private readonly ResumingWatch _watch;

    /// <summary>Connects to <see cref="KpiClientOptions.Address"/> over a channel the client owns.</summary>
    public KpiClient(KpiClientOptions options)
        : this(CreateChannel(options), options)
    {
    }

    /// <summary>Uses a caller-provided invoker (a channel with interceptors, a test server); the caller disposes it.</summary>
    public KpiClient(CallInvoker invoker, KpiClientOptions options)
        : this(invoker, options, ownedChannel: null)
    {
    }

    private KpiClient(GrpcChannel channel, KpiClientOptions options)
        : this(channel.CreateCallInvoker(), options, channel)
    {
    }

    private KpiClient(CallInvoker invoker, KpiClientOptions options, GrpcChannel? ownedChannel)
    {
        ArgumentNullException.ThrowIfNull(invoker);
        KpiClientOptionsValidator.ThrowIfInvalid(options);
        Options = options;
        _ownedChannel = ownedChannel;
        _ingest = new IngestService.IngestServiceClient(invoker);
        _kpis = new KpiService.KpiServiceClient(invoker);
        _calls = KpiResilience.CreateCallPipeline(options);
        _watch = new ResumingWatch(_kpis, options);
    }

    /// <summary>The options the client was created with.</summary>
    public KpiClientOptions Options { get; }

    /// <summary>Stores a batch of calls (at most 50,000); invalid ones come back as rejections in the ack.</summary>
    public Task<BatchAck> RecordCallsAsync(IEnumerable<CallRecord> calls, CancellationToken cancellationToken = default) =>
        UnaryAsync(options => _ingest.RecordCallsAsync(new RecordCallsRequest { Calls = { calls } }, options), r => r.Ack, cancellationToken);

    /// <summary>Stores a batch of appointment results.</summary>
    public Task<BatchAck> RecordAppointmentResultsAsync(IEnumerable<AppointmentResult> results, CancellationToken cancellationToken = default) =>
        UnaryAsync(options => _ingest.RecordAppointmentResultsAsync(new RecordAppointmentResultsRequest { Results = { results } }, options), r => r.Ack, cancellationToken);

    /// <summary>Stores a batch of operator sessions.</summary>
    public Task<BatchAck> RecordSessionsAsync(IEnumerable<OperatorSession> sessions, CancellationToken cancellationToken = default) =>
        UnaryAsync(options => _ingest.RecordSessionsAsync(new RecordSessionsRequest { Sessions = { sessions } }, options), r => r.Ack, cancellationToken);

    /// <summary>Groups per page when the request does not set page_size: the most the server gives in one page.</summary>
    public const int DefaultPageSize = 10_000;

    /// <summary>
    /// Computes KPIs for a range; one group per operator, team, campaign and period asked for.
    /// Follows the pages (request.PageSize groups each, <see cref="DefaultPageSize"/> when 0) to the
    /// last, each its own call with its own deadline and retries, so no answer is too big for a message.
    /// </summary>
    public async Task<IReadOnlyList<KpiGroup>> QueryKpisAsync(QueryKpisRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = request.Clone();
        page.PageSize = page.PageSize == 0 ? DefaultPageSize : page.PageSize;
        var groups = new List<KpiGroup>();
        do
        {
            var response = await UnaryAsync(options => _kpis.QueryKpisAsync(page, options), r => r, cancellationToken);
            groups.AddRange(response.Groups);
            page.PageToken = response.NextPageToken;
        }
        while (page.PageToken.Length > 0);

        return groups;
    }

    /// <summary>
    /// Streams batches to the server and yields one ack per batch, in order, as each is durably
    /// stored. The stream is not retried: on failure, resume after the last acknowledged batch_id
    /// (sending a batch twice is harmless, call_id is idempotent).
    /// </summary>
    public async IAsyncEnumerable<ImportCallsResponse> ImportCallsAsync(
        IAsyncEnumerable<ImportCallsRequest> batches, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = _ingest.ImportCalls(deadline: DeadlineAfter(Options.ImportDeadline), cancellationToken: stop.Token);
        var writing = WriteAllAsync(call.RequestStream, batches, stop);
        try
        {
            await foreach (var ack in call.ResponseStream.ReadAllAsync(stop.Token))
            {
                yield return ack;
            }
        }
        finally
        {
            // Stops the writer when the caller left early or the server failed the call, then
            // surfaces a failure of the batch source (which cancelled the reading above).
            await stop.CancelAsync();
            await writing;
        }
    }

    /// <summary>
    /// Follows KPIs live: a snapshot, then updates of the groups that changed, each as one event even
    /// when the server splits it into several messages (WatchKpisResponse.continued). When the connection
    /// drops (server restart, network), it re-subscribes with the same request until it gets a new
    /// snapshot, which replaces what the caller holds. Ends only when cancelled or on a non-transient error.
    /// </summary>
    public IAsyncEnumerable<KpiWatchEvent> WatchKpisAsync(WatchKpisRequest request, CancellationToken cancellationToken = default) =>
        _watch.RunAsync(request ?? throw new ArgumentNullException(nameof(request)), cancellationToken);

    /// <summary>A batching recorder sending through this client; dispose it to flush what it holds.</summary>
    public KpiCallRecorder CreateRecorder() => new(this, Options);

    /// <inheritdoc />
    public void Dispose() => _ownedChannel?.Dispose();

    private async Task<TResult> UnaryAsync<TResponse, TResult>(
        Func<CallOptions, AsyncUnaryCall<TResponse>> call, Func<TResponse, TResult> select, CancellationToken cancellationToken)
    {
        // Each attempt gets its own deadline, so a retry is not born expired.
        var response = await _calls.ExecuteAsync(
            async token => await call(new CallOptions(deadline: DeadlineAfter(Options.CallDeadline), cancellationToken: token)),
            cancellationToken);
        return select(response);
    }

    private static async Task WriteAllAsync(
        IClientStreamWriter<ImportCallsRequest> requests, IAsyncEnumerable<ImportCallsRequest> batches, CancellationTokenSource stop)
    {
        try
        {
            await foreach (var batch in batches.WithCancellation(stop.Token))
            {
                await requests.WriteAsync(batch, stop.Token);
            }

            await requests.CompleteAsync();
        }
        catch (RpcException)
        {
            // The response stream reports the call's status.
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch
        {
            await stop.CancelAsync();
            throw;
        }
    }

    internal static DateTime DeadlineAfter(TimeSpan timeout) => DateTime.UtcNow.Add(timeout);

    private static GrpcChannel CreateChannel(KpiClientOptions options)
    {
        KpiClientOptionsValidator.ThrowIfInvalid(options);
        var secure = options.Address!.Scheme == Uri.UriSchemeHttps;
        return GrpcChannel.ForAddress(options.Address!, new GrpcChannelOptions
        {
            Credentials = options.ApiKey is { } key ? ApiKeyCredentials(key, secure) : null,
            UnsafeUseInsecureChannelCallCredentials = options.ApiKey is not null && !secure,
            HttpHandler = new SocketsHttpHandler
            {
                // Pings on idle connections make a watch notice a server that vanished without closing its sockets.
                KeepAlivePingDelay = options.KeepAlivePingDelay,
                KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
                PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                EnableMultipleHttp2Connections = true,
                SslOptions = TlsOptions(options),
            },
        });
    }

    /// <summary>The key as <c>authorization: Bearer</c> metadata on every call of the channel.</summary>
    private static ChannelCredentials ApiKeyCredentials(string apiKey, bool secure) => ChannelCredentials.Create(
        secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure,
        CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {apiKey}");
            return Task.CompletedTask;
        }));

    private static SslClientAuthenticationOptions TlsOptions(KpiClientOptions options)
    {
        var ssl = new SslClientAuthenticationOptions();
        if (options.CertificateAuthority is { } authority)
        {
            // A private CA rarely publishes revocation lists: checking them would refuse every server.
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.Add(authority);
            ssl.CertificateChainPolicy = policy;
        }

        if (options.ClientCertificate is { } certificate)
        {
            ssl.ClientCertificates = [certificate];
        }

        return ssl;
    }
}
