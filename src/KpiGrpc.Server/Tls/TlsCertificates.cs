using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Tls;

/// <summary>
/// The TLS files as last loaded, re-read when their content changes: each new connection gets the
/// latest good certificate and client CAs, and a bad new file keeps the previous ones (and is logged).
/// </summary>
public sealed class TlsCertificates : BackgroundService
{
    private readonly TlsOptions _options;
    private readonly ILogger<TlsCertificates> _logger;
    private byte[] _loadedFingerprint = [];
    private byte[] _triedFingerprint = [];
    private volatile TlsMaterial? _current;

    public TlsCertificates(IOptions<TlsOptions> options, ILogger<TlsCertificates> logger)
    {
        _options = options.Value;
        _logger = logger;
        if (_options.Enabled)
        {
            // Read now, so that a bad file stops the server at start rather than at its first
            // connection; Load says which file is missing or wrong.
            _triedFingerprint = _loadedFingerprint = Fingerprint() ?? [];
            _current = TlsMaterial.Load(_options);
            TlsLog.Loaded(_logger, _current.Describe(), _current.ClientAuthorities is null ? "not asked for" : $"required, from {_options.ClientCaFile}");
        }
    }

    /// <summary>The certificate and client CAs for a new connection; null when TLS is not configured.</summary>
    public TlsMaterial? Current => _current;

    /// <summary>Checks the files once: loads them if their content changed since the last attempt.</summary>
    public void ReloadIfChanged()
    {
        // Null mid-replacement (a file briefly missing): the next check sees the finished files.
        if (Fingerprint() is not { } fingerprint
            || fingerprint.AsSpan().SequenceEqual(_triedFingerprint) || fingerprint.AsSpan().SequenceEqual(_loadedFingerprint))
        {
            return;
        }

        _triedFingerprint = fingerprint;
        try
        {
            _current = TlsMaterial.Load(_options);
            _loadedFingerprint = fingerprint;
            TlsLog.Reloaded(_logger, _current.Describe());
        }
        catch (Exception ex)
        {
            // Whatever the new files hold, the server keeps serving with the previous certificate.
            TlsLog.ReloadFailed(_logger, ex.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        // Polling, not FileSystemWatcher: it also sees files swapped behind a symbolic link, as
        // Kubernetes does with mounted secrets, and files on network mounts.
        using var timer = new PeriodicTimer(_options.ReloadInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            ReloadIfChanged();
        }
    }

    /// <summary>A hash of the files' content, or null when one cannot be read.</summary>
    private byte[]? Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            foreach (var file in new[] { _options.CertificateFile, _options.KeyFile, _options.ClientCaFile }.OfType<string>().Where(f => f.Length > 0))
            {
                hash.AppendData(File.ReadAllBytes(file));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return hash.GetHashAndReset();
    }
}
