using KpiGrpc.Core.Access;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Access;

/// <summary>
/// The keys the server accepts now, from the keys file (<see cref="KeysFileWatcher"/> reloads it).
/// Each key has a token cancelled when it is revoked or changed, which ends its open streams.
/// Without a keys file (and no JWT) the ring is open: the safe default has made sure it listens on loopback only.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _revokedNames = [];
    private IReadOnlyList<LiveKey> _keys = [];

    public ApiKeyRing(IOptions<AuthOptions> options)
    {
        KeysFile = string.IsNullOrEmpty(options.Value.KeysFile) ? null : Path.GetFullPath(options.Value.KeysFile);
        IsOpen = !options.Value.IsAuthenticated;
        if (KeysFile is not null)
        {
            Load(ApiKeyFile.Load(KeysFile));
        }
    }

    /// <summary>The keys file, full path; null when the server runs without one (open).</summary>
    public string? KeysFile { get; }

    /// <summary>No keys file and no JWT: every caller is let in (the safe default keeps the server on loopback).</summary>
    public bool IsOpen { get; }

    /// <summary>The live key whose secret this is, or null (with the name of the key if it was revoked since the start).</summary>
    public LiveKey? Find(string secret, out string? revokedName)
    {
        LiveKey? found = null;
        // Every key is compared, each in constant time: the time taken says nothing of which matched.
        foreach (var key in Volatile.Read(ref _keys))
        {
            if (ApiKeySecret.Matches(secret, key.Entry.Sha256))
            {
                found = key;
            }
        }

        revokedName = null;
        if (found is null)
        {
            lock (_gate)
            {
                revokedName = _revokedNames.GetValueOrDefault(ApiKeySecret.Hash(secret));
            }
        }

        return found;
    }

    /// <summary>The live key of that name (a client certificate's CN), or null (with the name again if it was revoked since the start).</summary>
    public LiveKey? FindByName(string name, out string? revokedName)
    {
        var found = Volatile.Read(ref _keys).FirstOrDefault(key => key.Entry.Name == name);
        lock (_gate)
        {
            revokedName = found is null && _revokedNames.ContainsValue(name) ? name : null;
        }

        return found;
    }

    /// <summary>Takes a new file's keys; a key gone or changed is revoked (its streams end); the names revoked.</summary>
    public IReadOnlyList<string> Load(ApiKeyFile file)
    {
        lock (_gate)
        {
            var kept = new List<LiveKey>();
            var revoked = new List<LiveKey>();
            foreach (var old in _keys)
            {
                (file.Find(old.Entry.Name) is { } entry && entry.Grants(old.Entry) ? kept : revoked).Add(old);
            }

            var keys = new List<LiveKey>(kept);
            keys.AddRange(file.Keys.Where(entry => kept.All(live => live.Entry.Name != entry.Name)).Select(entry => new LiveKey(entry)));
            Volatile.Write(ref _keys, keys);
            foreach (var key in revoked)
            {
                _revokedNames[key.Entry.Sha256.ToLowerInvariant()] = key.Entry.Name;
                key.Revoke();
            }

            return [.. revoked.Select(key => key.Entry.Name)];
        }
    }

    /// <summary>A key as the server holds it: its entry, and a token cancelled when it stops being valid.</summary>
    public sealed class LiveKey(ApiKeyEntry entry)
    {
        private readonly CancellationTokenSource _revoked = new();

        public ApiKeyEntry Entry { get; } = entry;

        public CancellationToken Revoked => _revoked.Token;

        internal void Revoke() => _revoked.Cancel();
    }
}
