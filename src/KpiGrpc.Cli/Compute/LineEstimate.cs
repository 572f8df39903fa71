namespace KpiGrpc.Cli.Compute;

/// <summary>
/// About how many lines a file holds, from its size and the lines of its first 64 KiB: the
/// expected_calls hint of a computation. 0 (unknown) for a compressed file or an empty one.
/// </summary>
internal static class LineEstimate
{
    private const int SampleBytes = 64 * 1024;

    public static long Of(string path)
    {
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || !File.Exists(path))
        {
            return 0;
        }

        using var stream = File.OpenRead(path);
        var sample = new byte[(int)Math.Min(SampleBytes, stream.Length)];
        stream.ReadExactly(sample);
        var lines = sample.AsSpan().Count((byte)'\n');
        if (lines == 0)
        {
            return sample.Length == 0 ? 0 : 1;
        }

        return (long)Math.Ceiling(stream.Length * (double)lines / sample.Length);
    }
}
