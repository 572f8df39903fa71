using System.Security.Cryptography;

namespace KpiGrpc.Cli.Import.Checkpoints;

/// <summary>
/// What makes a checkpoint belong to a file: its full path, size, last write and a hash of its
/// first 64 KiB, so that a file replaced or edited since is never resumed in the wrong place.
/// </summary>
internal sealed record FileIdentity(string FullPath, long Length, DateTime LastWriteUtc, string Fingerprint)
{
    private const int FingerprintBytes = 64 * 1024;

    public static FileIdentity Of(string path)
    {
        var info = new FileInfo(path);
        using var stream = info.OpenRead();
        var head = new byte[(int)Math.Min(FingerprintBytes, info.Length)];
        stream.ReadExactly(head);
        return new FileIdentity(info.FullName, info.Length, info.LastWriteTimeUtc, Convert.ToHexStringLower(SHA256.HashData(head)));
    }

    /// <summary>Why <paramref name="now"/> is not the file the checkpoint was taken of, or null when it is.</summary>
    public string? Difference(FileIdentity now) =>
        Length != now.Length ? $"its size changed from {Length} to {now.Length} bytes"
        : LastWriteUtc != now.LastWriteUtc ? $"it was written at {now.LastWriteUtc:u}, after the checkpoint's {LastWriteUtc:u}"
        : Fingerprint != now.Fingerprint ? "its first 64 KiB changed"
        : null;
}
