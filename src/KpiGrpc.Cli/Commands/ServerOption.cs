using System.CommandLine;
using Grpc.Core;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace KpiGrpc.Cli.Commands;

/// <summary>
/// --server, the API key to send (--api-key, else KPI_API_KEY) and how to reach the server over TLS
/// (--ca, --client-cert, --client-key): the options of every client command.
/// </summary>
internal sealed class ServerOption
{
    /// <summary>Where --api-key comes from when it is not given.</summary>
    public const string ApiKeyVariable = "KPI_API_KEY";

    private readonly Option<string> _server = new("--server")
    {
        Description = "The KPI server, e.g. http://127.0.0.1:5000, or https://kpi.example.com:5051 (TLS)",
        Required = true,
    };

    // No default value here: System.CommandLine would print it (the secret) in --help.
    private readonly Option<string?> _apiKey = new("--api-key")
    {
        Description = $"The API key to send (authorization: Bearer); default: the {ApiKeyVariable} environment variable",
    };

    private readonly Option<string?> _ca = new("--ca") { Description = "Trust only this CA (PEM file) for the server's certificate, instead of the system's CAs" };
    private readonly Option<string?> _clientCert = new("--client-cert") { Description = "Client certificate (PEM file) for a server that requires one (mutual TLS)" };
    private readonly Option<string?> _clientKey = new("--client-key") { Description = "The private key (PEM file) of --client-cert" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _server, _apiKey, _ca, _clientCert, _clientKey })
        {
            command.Options.Add(option);
        }
    }

    public ServerConnection Read(ParseResult parse) =>
        new(parse.GetValue(_server)!, parse.GetValue(_ca), parse.GetValue(_clientCert), parse.GetValue(_clientKey), ApiKey(parse));

    /// <summary>--api-key, else KPI_API_KEY, else none.</summary>
    private string? ApiKey(ParseResult parse) =>
        parse.GetValue(_apiKey) is { Length: > 0 } key ? key
        : Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : null;
}

/// <summary>Where the server is, how to trust it and the key to show it: the one place a client command's gRPC channel is made.</summary>
internal sealed record ServerConnection(string Url, string? CaFile = null, string? ClientCertificateFile = null, string? ClientKeyFile = null, string? ApiKey = null)
{
    /// <summary>The URL only: the API key is never printed.</summary>
    public override string ToString() => Url;

    public GrpcChannel OpenChannel()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--server must be an http or https URL such as http://127.0.0.1:5000, not '{Url}'");
        }

        var options = new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 };
        if (CaFile is not null || ClientCertificateFile is not null || ClientKeyFile is not null)
        {
            options.HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, SslOptions = Tls(uri) };
        }

        if (ApiKey is not null)
        {
            var bearer = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {ApiKey}");
                return Task.CompletedTask;
            });
            var secure = uri.Scheme == "https";
            options.Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, bearer);
            // Over http the key travels in clear text: use https (--ca) beyond a trusted network.
            options.UnsafeUseInsecureChannelCallCredentials = !secure;
        }

        return GrpcChannel.ForAddress(uri, options);
    }

    private SslClientAuthenticationOptions Tls(Uri uri)
    {
        if (uri.Scheme != "https")
        {
            throw new CliUsageException($"--ca, --client-cert and --client-key need an https:// --server, not '{Url}'");
        }

        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
        {
            throw new CliUsageException("--client-cert and --client-key go together: give both or neither");
        }

        var ssl = new SslClientAuthenticationOptions();
        if (CaFile is not null)
        {
            // A private CA rarely publishes revocation lists: checking them would refuse every server.
            var policy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, RevocationMode = X509RevocationMode.NoCheck };
            policy.CustomTrustStore.AddRange(Load("--ca", CaFile, () => PemCertificates(CaFile)));
            ssl.CertificateChainPolicy = policy;
        }

        if (ClientCertificateFile is not null)
        {
            ssl.ClientCertificates = [Load("--client-cert", ClientCertificateFile, () => X509Certificate2.CreateFromPemFile(ClientCertificateFile, ClientKeyFile))];
        }

        return ssl;
    }

    private static X509Certificate2Collection PemCertificates(string file)
    {
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(file);
        return certificates.Count > 0 ? certificates : throw new CryptographicException("no PEM CERTIFICATE block in it");
    }

    private static T Load<T>(string option, string file, Func<T> load)
    {
        try
        {
            return load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException)
        {
            throw new CliUsageException($"{option} {file}: {ex.Message}");
        }
    }
}
