using System.CommandLine;
using Grpc.Core;
using Grpc.Net.Client;

namespace KpiGrpc.Cli.Commands;

/// <summary>--server and --api-key, and the gRPC channel they name.</summary>
internal static class ServerOption
{
    /// <summary>Where --api-key comes from when it is not given.</summary>
    public const string ApiKeyVariable = "KPI_API_KEY";

    public static Option<string> Create() => new("--server")
    {
        Description = "The KPI server, e.g. http://127.0.0.1:5000",
        Required = true,
    };

    // No default value here: System.CommandLine would print it (the secret) in --help.
    public static Option<string?> CreateApiKey() => new("--api-key")
    {
        Description = $"The API key to send (authorization: Bearer); default: the {ApiKeyVariable} environment variable",
    };

    /// <summary>--api-key, else KPI_API_KEY, else none.</summary>
    public static string? ReadApiKey(ParseResult parse, Option<string?> apiKey) =>
        parse.GetValue(apiKey) is { Length: > 0 } key ? key : Environment.GetEnvironmentVariable(ApiKeyVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    public static GrpcChannel OpenChannel(string server, string? apiKey = null)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--server must be an http or https URL such as http://127.0.0.1:5000, not '{server}'");
        }

        var options = new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 };
        if (apiKey is not null)
        {
            var bearer = CallCredentials.FromInterceptor((_, metadata) =>
            {
                metadata.Add("authorization", $"Bearer {apiKey}");
                return Task.CompletedTask;
            });
            var secure = uri.Scheme == "https";
            options.Credentials = ChannelCredentials.Create(secure ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure, bearer);
            // Until the server has TLS, keys travel in clear text over http: keep such servers on a trusted network.
            options.UnsafeUseInsecureChannelCallCredentials = !secure;
        }

        return GrpcChannel.ForAddress(uri, options);
    }
}
