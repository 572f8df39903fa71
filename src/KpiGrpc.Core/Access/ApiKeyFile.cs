using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiGrpc.Core.Access;

/// <summary>
/// The keys file shared by the server (which reads it, and re-reads it when it changes) and
/// <c>kpi keys</c> (which writes it): JSON, <c>{"keys": [...]}</c>, written whole to a temporary
/// file readable only by its owner and renamed over the old one, so a reader never sees half a file.
/// </summary>
public sealed record ApiKeyFile([property: JsonPropertyName("keys")] IReadOnlyList<ApiKeyEntry> Keys)
{
    public static readonly ApiKeyFile Empty = new([]);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Reads and checks a keys file; a file that does not exist holds no key.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid keys file; the message says where.</exception>
    public static ApiKeyFile Load(string path) => File.Exists(path) ? Parse(File.ReadAllBytes(path), path) : Empty;

    public static ApiKeyFile Parse(ReadOnlySpan<byte> json, string path)
    {
        ApiKeyFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ApiKeyFile>(json, Json);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a valid keys file: {ex.Message}", ex);
        }

        if (file?.Keys is null)
        {
            throw new InvalidDataException($"{path} is not a valid keys file: it needs a \"keys\" array");
        }

        var problems = Problems(file).ToList();
        return problems.Count == 0 ? file : throw new InvalidDataException($"{path} is not a valid keys file: {string.Join("; ", problems)}");
    }

    /// <summary>
    /// Reads the file, applies <paramref name="change"/> and writes the result, holding the file's
    /// <see cref="KeysFileLock"/> throughout, so that concurrent writers apply their changes one after another.
    /// </summary>
    public static ApiKeyFile Update(string path, Func<ApiKeyFile, ApiKeyFile> change)
    {
        using var held = KeysFileLock.Acquire(path, KeysFileLock.DefaultWait);
        var updated = change(Load(path));
        updated.Save(path);
        return updated;
    }

    public ApiKeyEntry? Find(string name) => Keys.FirstOrDefault(key => key.Name == name);

    public ApiKeyFile With(ApiKeyEntry key) => Find(key.Name) is null
        ? new ApiKeyFile([.. Keys, key])
        : throw new InvalidOperationException($"a key named '{key.Name}' exists already; revoke it first or choose another name");

    public ApiKeyFile Without(string name) => Find(name) is not null
        ? new ApiKeyFile([.. Keys.Where(key => key.Name != name)])
        : throw new InvalidOperationException($"no key is named '{name}'");

    /// <summary>Writes the file atomically (a temporary file renamed over it), readable and writable by its owner only.</summary>
    public void Save(string path)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, this, Json);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static IEnumerable<string> Problems(ApiKeyFile file)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < file.Keys.Count; i++)
        {
            var key = file.Keys[i];
            if (string.IsNullOrWhiteSpace(key?.Name))
            {
                yield return $"key {i} has no name";
                continue;
            }

            if (!names.Add(key.Name))
            {
                yield return $"two keys are named '{key.Name}'";
            }

            if (key.Roles is null || key.Roles.Count == 0 || key.Roles.Any(role => !KpiRoles.TryParse(role, out _)))
            {
                yield return $"key '{key.Name}' needs roles among {string.Join(", ", KpiRoles.All.Select(KpiRoles.Name))}";
            }

            if (key.Campaigns is { } campaigns && campaigns.Any(string.IsNullOrWhiteSpace))
            {
                yield return $"key '{key.Name}' has an empty campaign id in campaigns";
            }

            if (key.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigit))
            {
                yield return $"key '{key.Name}' needs sha256, the 64 hex digits of its secret's SHA-256";
            }
        }
    }
}
