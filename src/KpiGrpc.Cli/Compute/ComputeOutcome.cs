using KpiGrpc.V1;

namespace KpiGrpc.Cli.Compute;

/// <summary>What the server answered (groups and summary) and the lines refused on the way.</summary>
internal sealed record ComputeOutcome(IReadOnlyList<KpiGroup> Groups, ComputeKpisSummary Summary, IReadOnlyList<ComputeRejection> Rejections)
{
    /// <summary>Lines of <paramref name="file"/> that could not be read or were refused by the server.</summary>
    public int RejectedLines(string file) => Rejections.Count(r => r.File == file);
}

/// <summary>One refused line: unreadable here, or rejected by the server's validation.</summary>
internal sealed record ComputeRejection(string File, int LineNumber, string Reason);
