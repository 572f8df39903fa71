namespace KpiGrpc.Core.Access;

/// <summary>
/// An exclusive lock on a file beside the keys file (<c>.NAME.lock</c>), held by one writer while it reads,
/// changes and replaces the keys file, so that two <c>kpi keys</c> run at once never lose each other's change.
/// The lock file stays: removing it would let a waiting writer lock a file no one else sees.
/// </summary>
public sealed class KeysFileLock : IDisposable
{
    /// <summary>How long a writer waits for another before giving up; a change takes milliseconds.</summary>
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(10);

    private readonly FileStream _held;

    private KeysFileLock(FileStream held) => _held = held;

    public static string PathFor(string keysFile)
    {
        var full = Path.GetFullPath(keysFile);
        return Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.lock");
    }

    /// <summary>Waits for the lock (FileShare.None: an advisory flock on Unix, honoured by every writer of this code).</summary>
    /// <exception cref="IOException">Another writer held it for longer than <paramref name="wait"/>.</exception>
    public static KeysFileLock Acquire(string keysFile, TimeSpan wait)
    {
        var path = PathFor(keysFile);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            try
            {
                return new KeysFileLock(new FileStream(path, options));
            }
            catch (IOException) when (DateTime.UtcNow < deadline && File.Exists(path))
            {
                Thread.Sleep(Random.Shared.Next(5, 25));
            }
            catch (IOException ex) when (File.Exists(path))
            {
                throw new IOException($"another writer has held {path} for over {wait.TotalSeconds:0} s; try again once it is done", ex);
            }
        }
    }

    public void Dispose() => _held.Dispose();
}
