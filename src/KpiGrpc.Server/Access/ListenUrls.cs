using System.Net;

namespace KpiGrpc.Server.Access;

/// <summary>The addresses the configuration tells Kestrel to listen on (--urls and Kestrel:Endpoints), and which are loopback.</summary>
public static class ListenUrls
{
    public static IEnumerable<string> Of(IConfiguration configuration)
    {
        var urls = (configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(endpoint => endpoint["Url"]).OfType<string>();
        return urls.Concat(endpoints);
    }

    /// <summary>localhost, 127.0.0.0/8 or ::1; a wildcard (*, +, 0.0.0.0, [::]) or any other host is not.</summary>
    public static bool IsLoopback(string url)
    {
        var host = url.Split("://", 2) is [_, var rest] ? rest : url;
        host = host.Split('/', 2)[0];
        host = host.StartsWith('[') ? host[1..host.IndexOf(']', StringComparison.Ordinal)] : host.Split(':')[0];
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
