using Microsoft.Extensions.Options;

namespace KpiGrpc.Server.Options;

/// <summary>Where the service keeps its data (<c>Kpi</c> section; <c>--data-dir</c> on the command line).</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Kpi";

    /// <summary>Folder holding the database, created if missing. Default ./data.</summary>
    public string DataDirectory { get; set; } = "./data";
}

public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            errors.Add("Kpi:DataDirectory is required (or pass --data-dir DIR).");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add($"Kpi:DataDirectory '{options.DataDirectory}' contains characters that are not allowed in a path.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
