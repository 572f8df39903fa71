using System.CommandLine;
using Grpc.Net.Client;

namespace KpiGrpc.Cli.Commands;

/// <summary>--server, and the gRPC channel it names.</summary>
internal static class ServerOption
{
    public static Option<string> Create() => new("--server")
    {
        Description = "The KPI server, e.g. http://127.0.0.1:5000",
        Required = true,
    };

    public static GrpcChannel OpenChannel(string server)
    {
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliUsageException($"--server must be an http or https URL such as http://127.0.0.1:5000, not '{server}'");
        }

        return GrpcChannel.ForAddress(uri, new GrpcChannelOptions { MaxReceiveMessageSize = 64 * 1024 * 1024 });
    }
}
