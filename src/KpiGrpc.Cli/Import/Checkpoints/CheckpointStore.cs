using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiGrpc.Cli.Import.Checkpoints;

/// <summary>
/// A checkpoint file: one entry per input file, rewritten whole after each acknowledged batch,
/// to a temporary file renamed over the old one, so a kill leaves either the old or the new.
/// </summary>
internal sealed class CheckpointStore
{
    private readonly List<CheckpointEntry> _entries;

    private CheckpointStore(string path, List<CheckpointEntry> entries)
    {
        Path = path;
        _entries = entries;
    }

    public string Path { get; }

    /// <summary>Reads <paramref name="path"/>, or starts an empty store when it does not exist yet.</summary>
    public static CheckpointStore Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        if (!System.IO.File.Exists(fullPath))
        {
            return new CheckpointStore(fullPath, []);
        }

        try
        {
            var document = JsonSerializer.Deserialize(System.IO.File.ReadAllText(fullPath), CheckpointJson.Default.CheckpointDocument);
            return document is { Version: CheckpointDocument.CurrentVersion }
                ? new CheckpointStore(fullPath, document.Files)
                : throw new CheckpointException($"checkpoint '{fullPath}' is of an unknown version; delete it to import from the start");
        }
        catch (JsonException ex)
        {
            throw new CheckpointException($"checkpoint '{fullPath}' cannot be read ({ex.Message}); delete it to import from the start");
        }
    }

    public CheckpointEntry? Find(string kind, FileIdentity file) => _entries.Find(e => e.Matches(kind, file));

    /// <summary>Puts <paramref name="entry"/> in place of any entry of the same file and kind.</summary>
    public void Replace(CheckpointEntry entry)
    {
        _entries.RemoveAll(e => e.Matches(entry.Kind, entry.File));
        _entries.Add(entry);
    }

    /// <summary>Forgets the entry: its import completed.</summary>
    public void Remove(CheckpointEntry entry) => _entries.RemoveAll(e => e.Matches(entry.Kind, entry.File));

    /// <summary>Fails now, before anything is sent, if the checkpoint cannot be written where it should be.</summary>
    public void EnsureWritable()
    {
        var probe = Path + ".probe";
        try
        {
            System.IO.File.WriteAllBytes(probe, []);
            System.IO.File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException($"cannot write the checkpoint '{Path}' ({ex.Message}); give --checkpoint FILE in a writable directory");
        }
    }

    /// <summary>Saves the entries left, or deletes the file when none is left.</summary>
    public void SaveOrDelete()
    {
        if (_entries.Count > 0)
        {
            Save();
        }
        else
        {
            System.IO.File.Delete(Path);
        }
    }

    public void Save()
    {
        var temporary = Path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, new CheckpointDocument { Files = _entries }, CheckpointJson.Default.CheckpointDocument);
        }

        System.IO.File.Move(temporary, Path, overwrite: true);
    }
}

/// <summary>The checkpoint file's content.</summary>
internal sealed class CheckpointDocument
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;

    public List<CheckpointEntry> Files { get; init; } = [];
}

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CheckpointDocument))]
internal sealed partial class CheckpointJson : JsonSerializerContext;
