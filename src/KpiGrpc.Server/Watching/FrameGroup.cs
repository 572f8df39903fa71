using Google.Protobuf;
using KpiGrpc.Core.Counting;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// One group of a feed's frame, kept compact because a feed keeps every group of its window
/// between computations: its figures (to tell whether it changed), its proto serialized once
/// (about a quarter of the proto's objects, which exist only while a message is written), and the
/// generations a catching-up watch needs: when the group appeared and when it last changed (or,
/// for a removed group, left).
/// </summary>
public sealed class FrameGroup(GroupFigures figures, byte[] proto, long addedAt, long changedAt)
{
    public GroupFigures Figures => figures;

    public long AddedAt => addedAt;

    public long ChangedAt => changedAt;

    /// <summary>The bytes the group adds to a message's repeated groups field: tag, length and body.</summary>
    public int Bytes => 1 + CodedOutputStream.ComputeLengthSize(proto.Length) + proto.Length;

    public V1.KpiGroup ToProto() => V1.KpiGroup.Parser.ParseFrom(proto);
}

/// <summary>
/// What a group's figures depend on: its counters and logged hours. The query engine computes
/// every KPI and status from these and the campaign's benchmarks (fixed while the server runs),
/// so two results of one group with equal figures are equal.
/// </summary>
public readonly record struct GroupFigures(KpiCounters Counters, double LoggedHours, bool LoggedHoursEstimated)
{
    /// <summary>A group that left the window: sent with zero counts.</summary>
    public static readonly GroupFigures Emptied = default;

    public static GroupFigures Of(KpiGroupResult result) => new(result.Counters, result.LoggedHours, result.LoggedHoursEstimated);
}
