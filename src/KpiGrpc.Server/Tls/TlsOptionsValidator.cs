using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Tls;

/// <summary>
/// Reports every mistake in the TLS settings at once, the URLs included: an https URL needs a
/// certificate, and a certificate with only http URLs would protect nothing.
/// </summary>
public sealed class TlsOptionsValidator(IConfiguration configuration) : IValidateOptions<TlsOptions>
{
    private static readonly TimeSpan MinimumReloadInterval = TimeSpan.FromMilliseconds(100);

    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var errors = new List<string>();
        var urls = ListenUrls(configuration);
        var https = urls.Where(url => url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)).ToList();
        if (string.IsNullOrEmpty(options.CertificateFile) != string.IsNullOrEmpty(options.KeyFile))
        {
            errors.Add("--tls-cert and --tls-key (Kpi:Tls:CertificateFile and KeyFile) go together: give both or neither.");
        }

        if (!options.Enabled && !string.IsNullOrEmpty(options.ClientCaFile))
        {
            errors.Add("--tls-client-ca (Kpi:Tls:ClientCaFile) needs a server certificate: give --tls-cert and --tls-key, and an https:// URL.");
        }

        if (!options.Enabled && https.Count > 0)
        {
            errors.Add($"{string.Join(", ", https)} is https but no certificate is given: add --tls-cert FILE --tls-key FILE (PEM).");
        }

        if (options.Enabled && https.Count == 0)
        {
            errors.Add($"--tls-cert is given but the server listens only on http ({string.Join(", ", urls)}): use an https:// URL in --urls.");
        }

        if (options.ReloadInterval < MinimumReloadInterval)
        {
            errors.Add($"{TlsOptions.SectionName}:ReloadInterval ({options.ReloadInterval}) must be at least 100 ms.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>The URLs of --urls (or ASPNETCORE_URLS), separated by ';'.</summary>
    public static IReadOnlyList<string> ListenUrls(IConfiguration configuration) =>
        (configuration[WebHostDefaults.ServerUrlsKey] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
