namespace KpiGrpc.Cli.Import.Checkpoints;

/// <summary>How far the import of one input file got: every line up to <see cref="Line"/> is acknowledged.</summary>
internal sealed class CheckpointEntry
{
    /// <summary>calls, results or sessions: one file can be read as two kinds (a VICIdial log holds calls and results).</summary>
    public required string Kind { get; init; }

    public required FileIdentity File { get; init; }

    /// <summary>The last line of the last acknowledged batch (0: none yet).</summary>
    public int Line { get; set; }

    /// <summary>Records and unreadable lines up to <see cref="Line"/>.</summary>
    public long Lines { get; set; }

    /// <summary>The id the next batch takes, so batch ids stay unique across runs.</summary>
    public long NextBatchId { get; set; } = 1;

    /// <summary>The whole file is acknowledged.</summary>
    public bool Done { get; set; }

    /// <summary>What the server did with the acknowledged lines, so a resumed run reports the whole file.</summary>
    public ImportCounts Counts { get; set; } = new();

    /// <summary>The --rejects file and its length after the last acknowledged batch: a resumed run cuts it back there.</summary>
    public string? RejectsPath { get; set; }

    public long RejectsLength { get; set; }

    public bool Matches(string kind, FileIdentity file) =>
        Kind == kind && string.Equals(File.FullPath, file.FullPath, StringComparison.Ordinal);
}
