using KpiGrpc.Core.Access;
using System.Security.Cryptography;

namespace KpiGrpc.Server.Access;

/// <summary>
/// Re-reads the keys file when its content changes (checked every half second: a revoked key stops
/// working within a second, its open streams included). A file that cannot be read or is not valid
/// accepts no key until it is fixed: failing closed, said in the log.
/// </summary>
public sealed class KeysFileWatcher(ApiKeyRing ring, ILogger<KeysFileWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (ring.KeysFile is not { } path)
        {
            return;
        }

        var lastContent = Fingerprint(path);
        using var timer = new PeriodicTimer(PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var content = Fingerprint(path);
            if (content == lastContent)
            {
                continue;
            }

            lastContent = content;
            Reload(path);
        }
    }

    private void Reload(string path)
    {
        ApiKeyFile file;
        try
        {
            file = File.Exists(path) ? ApiKeyFile.Load(path) : ApiKeyFile.Empty;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            AccessLog.KeysFileInvalid(logger, path, ex.Message);
            file = ApiKeyFile.Empty;
        }

        var revoked = ring.Load(file);
        AccessLog.KeysFileReloaded(logger, path, file.Keys.Count, revoked.Count == 0 ? "none" : string.Join(", ", revoked));
    }

    /// <summary>A hash of the file's bytes (empty when it cannot be read): any edit, even within the same second, shows.</summary>
    internal static string Fingerprint(string path)
    {
        try
        {
            return File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) : "";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
