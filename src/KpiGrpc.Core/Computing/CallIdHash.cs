using System.IO.Hashing;
using System.Text;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// A call_id as the 128-bit hash a computation keys its calls by: ids are not kept, and two
/// different ids collide with a probability of about n^2 / 2^129 (1e-25 for 10 million calls).
/// </summary>
internal static class CallIdHash
{
    public static UInt128 Of(ReadOnlySpan<byte> utf8CallId) => XxHash128.HashToUInt128(utf8CallId);

    /// <summary>The hash of a call_id given as a string (an appointment result's): the same as from its UTF-8 bytes.</summary>
    public static UInt128 Of(string callId)
    {
        var length = Encoding.UTF8.GetMaxByteCount(callId.Length);
        Span<byte> utf8 = length <= 1024 ? stackalloc byte[length] : new byte[length];
        return Of(utf8[..Encoding.UTF8.GetBytes(callId, utf8)]);
    }
}
