using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Google.Rpc;

namespace KpiGrpc.EndToEnd.Tests;

/// <summary>
/// A gRPC call that sends the first bytes of a request message and then stops, as a stalled or
/// hostile client does. gRPC clients only ever send whole messages, so this one speaks raw
/// HTTP/2 through HttpClient; the stall lasts until the server ends the call (or disposal).
/// </summary>
internal sealed class StalledUpload : IDisposable
{
    private readonly CancellationTokenSource _abandon = new();
    private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task<UploadStatus> _status;

    private StalledUpload(HttpClient http, Uri server, string method, int declaredLength, int sentLength)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new PartialMessageContent(declaredLength, sentLength, _sent),
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        _status = StatusAsync(http, request, _abandon.Token);
    }

    /// <summary>Completes once every byte meant to be sent has been handed to the connection.</summary>
    public Task Sent => _sent.Task;

    /// <summary>
    /// Starts <paramref name="method"/> (e.g. <c>/kpi.v1.IngestService/ImportCalls</c>) announcing a
    /// message of <paramref name="declaredLength"/> bytes and sending only <paramref name="sentLength"/>.
    /// </summary>
    public static StalledUpload Start(HttpClient http, Uri server, string method, int declaredLength, int sentLength) =>
        new(http, server, method, declaredLength, sentLength);

    /// <summary>One HTTP/2 connection for every call, as a gRPC channel uses; no timeout but the test's.</summary>
    public static HttpClient Client() => new(new SocketsHttpHandler { EnableMultipleHttp2Connections = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The status the server ended the call with; throws if it did not end it within <paramref name="timeout"/>.</summary>
    public Task<UploadStatus> StatusAsync(TimeSpan timeout) => _status.WaitAsync(timeout);

    public void Dispose()
    {
        _abandon.Cancel();
        _abandon.Dispose();
    }

    private static async Task<UploadStatus> StatusAsync(HttpClient http, HttpRequestMessage request, CancellationToken abandon)
    {
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, abandon);
        await using (var body = await response.Content.ReadAsStreamAsync(abandon))
        {
            await body.CopyToAsync(Stream.Null, abandon);
        }

        // A call that fails before any message ends with its status in the headers ("trailers-only").
        var headers = response.TrailingHeaders.Contains("grpc-status") ? response.TrailingHeaders : response.Headers;
        var code = int.Parse(headers.GetValues("grpc-status").Single(), System.Globalization.CultureInfo.InvariantCulture);
        var message = headers.TryGetValues("grpc-message", out var values) ? Uri.UnescapeDataString(values.Single()) : "";
        var details = headers.TryGetValues("grpc-status-details-bin", out var encoded)
            ? Google.Rpc.Status.Parser.ParseFrom(Convert.FromBase64String(PadBase64(encoded.Single())))
            : null;
        return new UploadStatus((StatusCode)code, message, details);
    }

    /// <summary>gRPC sends binary metadata as unpadded base64.</summary>
    private static string PadBase64(string text) => text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');

    /// <summary>The 5-byte gRPC message header, then part of the body, then nothing until cancelled.</summary>
    private sealed class PartialMessageContent : HttpContent
    {
        private readonly int _declaredLength;
        private readonly int _sentLength;
        private readonly TaskCompletionSource _sent;

        public PartialMessageContent(int declaredLength, int sentLength, TaskCompletionSource sent)
        {
            (_declaredLength, _sentLength, _sent) = (declaredLength, sentLength, sent);
            Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var header = new byte[5];
            BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(1), (uint)_declaredLength);
            await stream.WriteAsync(header, cancellationToken);
            var chunk = new byte[1 << 20];
            for (var left = _sentLength; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, Math.Min(left, chunk.Length)), cancellationToken);
            }

            await stream.FlushAsync(cancellationToken);
            _sent.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>How the server ended a call: its status code, message and <c>google.rpc.Status</c> details, if any.</summary>
internal sealed record UploadStatus(StatusCode Code, string Message, Google.Rpc.Status? Details)
{
    /// <summary>The server's retry delay (<c>google.rpc.RetryInfo</c>), or null when it sent none.</summary>
    public TimeSpan? RetryDelay => Details?.GetDetail<RetryInfo>()?.RetryDelay.ToTimeSpan();
}
