using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Tls;

/// <summary>
/// Every https endpoint serves the latest loaded certificate (chosen per handshake, so a reload
/// needs no restart) and, with client CAs, asks each client for its certificate.
/// </summary>
public sealed class KestrelTls(TlsCertificates certificates) : IConfigureOptions<KestrelServerOptions>
{
    public void Configure(KestrelServerOptions kestrel)
    {
        if (certificates.Current is not { } initial)
        {
            return;
        }

        kestrel.ConfigureHttpsDefaults(https =>
        {
            // The first certificate tells Kestrel one exists; each handshake then gets the latest
            // load's context, which also carries the intermediates of the PEM file. (A
            // ServerCertificateSelector cannot give a context: SslStream refuses both.)
            https.ServerCertificate = initial.Certificate;
            https.OnAuthenticate = (_, ssl) =>
            {
                ssl.ServerCertificate = null;
                ssl.ServerCertificateContext = certificates.Current!.Context;
            };
            if (initial.ClientAuthorities is not null)
            {
                // Asked for in every handshake, judged on each call by ClientCertificateGuard, which
                // can tell the client why it is refused.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = (_, _, _) => true;
            }
        });
    }
}
