using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Watching;

/// <summary>
/// One group of a feed's frame: its figures, their proto (built once, shared by every watch and
/// by later frames while the figures stay the same), and the generations a catching-up watch
/// needs: when the group appeared and when it last changed (or, for a removed group, left).
/// </summary>
public sealed record FrameGroup(KpiGroupResult Result, V1.KpiGroup Proto, int Bytes, long AddedAt, long ChangedAt);
