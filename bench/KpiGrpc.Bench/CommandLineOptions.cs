namespace KpiGrpc.Bench;

/// <summary>The '--name value' pairs after a benchmark's name, taken one by one; one left over is an error.</summary>
public sealed class CommandLineOptions
{
    private readonly Dictionary<string, string> _options = new(StringComparer.Ordinal);

    public CommandLineOptions(string[] args)
    {
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected '--option value', got '{args[i]}'");
            }

            _options[args[i][2..]] = args[++i];
        }
    }

    public string? Take(string name) => _options.Remove(name, out var value) ? value : null;

    public long TakeLong(string name, long fallback) =>
        Take(name) is { } text
            ? long.TryParse(text.Replace("_", ""), out var value) && value > 0
                ? value
                : throw new ArgumentException($"--{name} must be a positive whole number, got '{text}'")
            : fallback;

    public int TakeInt(string name, int fallback) => checked((int)TakeLong(name, fallback));

    public void ThrowIfAnyLeft()
    {
        if (_options.Count > 0)
        {
            throw new ArgumentException($"unknown option --{_options.Keys.First()}");
        }
    }
}
