using Google.Protobuf;

namespace KpiGrpc.Server.Paging;

/// <summary>How big one response message may get: under the 4 MiB that gRPC clients accept by default.</summary>
public static class ResponseSize
{
    /// <summary>Largest QueryKpis page and largest watch message, leaving room under 4 MiB (4,194,304 bytes).</summary>
    public const int MaxBytes = 4_000_000;

    /// <summary>The bytes a group adds to a message's repeated groups field: tag, length and body.</summary>
    public static int OfGroup(V1.KpiGroup group) => 1 + CodedOutputStream.ComputeMessageSize(group);
}
