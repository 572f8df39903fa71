using Microsoft.Extensions.Options;

namespace KpiGrpc.Client;

/// <summary>Checks every <see cref="KpiClientOptions"/> value and reports all errors at once.</summary>
public sealed class KpiClientOptionsValidator : IValidateOptions<KpiClientOptions>
{
    /// <summary>The largest batch the server takes (its KpiIngestor.MaxBatchSize: BatchLimitTests keeps the two equal).</summary>
    public const int MaxBatchSize = 50_000;

    private static readonly TimeSpan BreakerMinimum = TimeSpan.FromMilliseconds(500);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KpiClientOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> listing every invalid value.</summary>
    public static void ThrowIfInvalid(KpiClientOptions options)
    {
        var result = new KpiClientOptionsValidator().Validate(Options.DefaultName, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(KpiClientOptions), result.Failures);
        }
    }

    private static IEnumerable<string> Errors(KpiClientOptions o)
    {
        if (o.Address is not { IsAbsoluteUri: true, Scheme: "http" or "https" })
        {
            yield return "Address is required: an absolute http:// or https:// URI of the server.";
        }

        if ((o.CertificateAuthority is not null || o.ClientCertificate is not null) && o.Address?.Scheme != "https")
        {
            yield return "CertificateAuthority and ClientCertificate need an https:// Address.";
        }

        if (o.ClientCertificate is { HasPrivateKey: false })
        {
            yield return $"ClientCertificate ({o.ClientCertificate.Subject}) has no private key: load it with its key, e.g. X509Certificate2.CreateFromPemFile(certFile, keyFile).";
        }

        if (o.ApiKey is { } key && (key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            yield return "ApiKey must be the key's secret as `kpi keys add` printed it: not empty, no spaces or control characters.";
        }

        foreach (var (name, value) in new[]
        {
            (nameof(o.CallDeadline), o.CallDeadline), (nameof(o.ImportDeadline), o.ImportDeadline),
            (nameof(o.RetryBaseDelay), o.RetryBaseDelay), (nameof(o.FlushInterval), o.FlushInterval),
            (nameof(o.KeepAlivePingDelay), o.KeepAlivePingDelay),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{name} must be positive (was {value}).";
            }
        }

        if (o.MaxRetryAttempts < 0)
        {
            yield return $"MaxRetryAttempts must be 0 or more (was {o.MaxRetryAttempts}).";
        }

        if (o.RetryMaxDelay < o.RetryBaseDelay)
        {
            yield return $"RetryMaxDelay ({o.RetryMaxDelay}) must be at least RetryBaseDelay ({o.RetryBaseDelay}).";
        }

        if (o.CircuitBreakerFailureRatio is <= 0 or > 1)
        {
            yield return $"CircuitBreakerFailureRatio must be in (0, 1] (was {o.CircuitBreakerFailureRatio}).";
        }

        if (o.CircuitBreakerMinimumThroughput < 2)
        {
            yield return $"CircuitBreakerMinimumThroughput must be at least 2 (was {o.CircuitBreakerMinimumThroughput}).";
        }

        if (o.CircuitBreakerSamplingDuration < BreakerMinimum || o.CircuitBreakerBreakDuration < BreakerMinimum)
        {
            yield return "CircuitBreakerSamplingDuration and CircuitBreakerBreakDuration must be at least 500 ms.";
        }

        if (o.BatchSize is < 1 or > MaxBatchSize)
        {
            yield return $"BatchSize must be between 1 and {MaxBatchSize} (was {o.BatchSize}).";
        }

        if (o.BufferCapacity < 1)
        {
            yield return $"BufferCapacity must be at least 1 (was {o.BufferCapacity}).";
        }
    }
}
