using System.CommandLine;
using System.Globalization;
using KpiGrpc.Core.Access;

namespace KpiGrpc.Cli.Commands;

/// <summary>
/// kpi keys add | list | revoke: manage a server's keys file (<see cref="ApiKeyFile"/>). The server
/// re-reads the file when it changes; add prints the new secret once, and only it, on stdout.
/// </summary>
internal static class KeysCommand
{
    public static Command Create() => new("keys", "Manage the API keys of a server's keys file (the server picks changes up within a second)")
    {
        Add(),
        List(),
        Revoke(),
    };

    private static Option<string> KeysFileOption() => new("--keys-file")
    {
        Description = "The server's keys file (JSON; created by add if missing, readable by its owner only)",
        Required = true,
    };

    private static Command Add()
    {
        var keysFile = KeysFileOption();
        var name = new Option<string>("--name") { Description = "The key's name: who holds it, e.g. crm-acme (logged, never the secret)", Required = true };
        var roles = new Option<string>("--roles")
        {
            Description = $"Comma-separated roles: {string.Join(", ", KpiRoles.All.Select(KpiRoles.Name))}",
            Required = true,
        };
        var campaigns = new Option<string?>("--campaigns") { Description = "Comma-separated campaign ids the key is limited to (default: every campaign)" };
        var command = new Command("add", "Create a key and print its secret (shown only this once)") { keysFile, name, roles, campaigns };
        command.SetAction(parse => Run(() =>
        {
            var path = parse.GetValue(keysFile)!;
            var keyName = parse.GetValue(name)!.Trim();
            if (keyName.Length == 0)
            {
                throw new CliUsageException("--name must not be empty");
            }

            var roleList = KpiRoles.ParseList(parse.GetValue(roles)!);
            var scope = parse.GetValue(campaigns)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } ids ? ids : null;
            var secret = ApiKeySecret.Generate();
            var entry = new ApiKeyEntry(keyName, [.. roleList.Select(KpiRoles.Name)], scope, ApiKeySecret.Hash(secret), DateTimeOffset.UtcNow);
            ApiKeyFile.Update(path, file => file.With(entry));
            Console.Out.WriteLine(secret);
            Console.Error.WriteLine($"kpi: key '{keyName}' added to {path} ({Describe(entry)}); keep the secret above, it is not stored anywhere");
        }));
        return command;
    }

    private static Command List()
    {
        var keysFile = KeysFileOption();
        var command = new Command("list", "List the keys: names, roles, campaigns, creation time (never secrets or hashes)") { keysFile };
        command.SetAction(parse => Run(() =>
        {
            foreach (var key in ApiKeyFile.Load(parse.GetValue(keysFile)!).Keys)
            {
                Console.Out.WriteLine($"{key.Name}\troles={string.Join(',', key.Roles)}\tcampaigns={(key.Campaigns is { Count: > 0 } ids ? string.Join(',', ids) : "*")}\tcreated={key.Created.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}");
            }
        }));
        return command;
    }

    private static Command Revoke()
    {
        var keysFile = KeysFileOption();
        var name = new Argument<string>("name") { Description = "The key to revoke" };
        var command = new Command("revoke", "Remove a key: a running server refuses it within a second, and ends its open streams") { name, keysFile };
        command.SetAction(parse => Run(() =>
        {
            var path = parse.GetValue(keysFile)!;
            var keyName = parse.GetValue(name)!;
            ApiKeyFile.Update(path, file => file.Without(keyName));
            Console.Error.WriteLine($"kpi: key '{keyName}' revoked in {path}");
        }));
        return command;
    }

    private static string Describe(ApiKeyEntry key) =>
        $"roles {string.Join(", ", key.Roles)}; {(key.Campaigns is { Count: > 0 } ids ? $"campaigns {string.Join(", ", ids)}" : "every campaign")}";

    private static int Run(Action action)
    {
        try
        {
            action();
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is CliUsageException or FormatException or InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"kpi: {ex.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
