namespace KpiGrpc.Cli.Import.Checkpoints;

/// <summary>Where the import of one file starts, given its checkpoint and --resume.</summary>
/// <param name="Entry">The entry the run updates (a fresh one when starting from the beginning).</param>
/// <param name="AlreadyDone">An earlier run acknowledged the whole file: nothing to send.</param>
/// <param name="Note">What to tell the user before the import starts, if anything.</param>
internal sealed record CheckpointPlan(CheckpointEntry Entry, bool AlreadyDone, string? Note)
{
    /// <summary>
    /// Without --resume an unfinished checkpoint is an error (silently starting over would hide
    /// that the earlier run died; silently resuming would surprise whoever meant to reimport);
    /// a finished one is replaced. With --resume a finished file is skipped, an unfinished one
    /// continues after its last acknowledged line, and a file changed since is an error.
    /// </summary>
    public static CheckpointPlan For(CheckpointStore store, string kind, string name, FileIdentity file, bool resume)
    {
        var fresh = new CheckpointEntry { Kind = kind, File = file };
        var previous = store.Find(kind, file);
        if (previous is null)
        {
            return new CheckpointPlan(fresh, false, resume ? $"{name}: no checkpoint in {store.Path}, importing from the start" : null);
        }

        if (!resume)
        {
            return previous.Done
                ? new CheckpointPlan(fresh, false, null)
                : throw new CheckpointException(
                    $"{name}: an earlier import stopped after line {previous.Line} ({previous.Lines} lines acknowledged), "
                    + $"as recorded in {store.Path}. Run the same command with --resume to continue, "
                    + "or delete the checkpoint to import the file from the start.");
        }

        if (previous.File.Difference(file) is { } difference)
        {
            throw new CheckpointException(
                $"{name} changed since the checkpoint in {store.Path} was taken ({difference}): it cannot be resumed. "
                + "Delete the checkpoint to import it from the start (records already stored count as duplicates).");
        }

        return previous.Done
            ? new CheckpointPlan(previous, true, $"{name}: already imported, per {store.Path}")
            : new CheckpointPlan(previous, false, $"{name}: resuming after line {previous.Line} ({previous.Lines} lines already acknowledged)");
    }
}
