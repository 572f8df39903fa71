using System.IO.Hashing;
using System.Runtime.InteropServices;
using KpiGrpc.Core.Ingest;

namespace KpiGrpc.Core.Computing;

/// <summary>
/// A 64-bit hash of a call's <see cref="CallContent{TSeries, TLead}"/>, kept by a computation
/// instead of the content itself (its ids are not kept): two copies with equal fingerprints are
/// the same call, with a false match between different contents as likely as 2^-64. Every field
/// of the content is hashed (a test changes each field in turn and checks the fingerprint moves).
/// </summary>
internal static class CallFingerprint
{
    /// <param name="content">The content, its series as the computation's number and its lead as a 64-bit hash.</param>
    public static long Of(in CallContent<int, long> content)
    {
        Span<long> parts =
        [
            content.Series,
            content.Lead,
            content.StartedAtUtcTicks,
            (long)content.Outcome | (content.RemovalRequested ? 1L << 32 : 0),
            content.TalkMilliseconds,
        ];
        return (long)XxHash3.HashToUInt64(MemoryMarshal.AsBytes(parts));
    }
}
