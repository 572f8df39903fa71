using System.Text;
using Grpc.Core;

namespace KpiGrpc.Server.Tls;

/// <summary>Ends a call from middleware, before gRPC runs, as a gRPC "trailers-only" response carrying an error.</summary>
internal static class GrpcTrailersOnly
{
    public static Task WriteAsync(HttpContext context, RpcException error)
    {
        var headers = context.Response.Headers;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        headers["grpc-status"] = ((int)error.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        headers["grpc-message"] = PercentEncode(error.Status.Detail);
        foreach (var entry in error.Trailers)
        {
            headers[entry.Key] = entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;
        }

        return context.Response.CompleteAsync();
    }

    /// <summary>grpc-message's encoding: printable ASCII as is but '%', every other UTF-8 byte as %XX.</summary>
    private static string PercentEncode(string message)
    {
        var encoded = new StringBuilder(message.Length);
        foreach (var b in Encoding.UTF8.GetBytes(message))
        {
            encoded.Append(b is >= 0x20 and <= 0x7E and not (byte)'%' ? ((char)b).ToString() : $"%{b:X2}");
        }

        return encoded.ToString();
    }
}
