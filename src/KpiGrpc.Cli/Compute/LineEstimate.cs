using KpiGrpc.Cli.Formats;

namespace KpiGrpc.Cli.Compute;

/// <summary>
/// About how many lines a file holds, from its size and the lines of its first bytes on disk:
/// the expected_calls hint of a computation. A gzip file (as <see cref="InputSource"/> decides,
/// whatever its name) is sampled decompressed, over more of the file: lines per compressed byte
/// times its size. 0 (unknown) for an empty or missing file.
/// </summary>
internal static class LineEstimate
{
    private const int SampleBytes = 64 * 1024;

    // The decompressor reads the file ahead by up to 8 KiB: over 1 MiB that is below 1% of the sample.
    private const int GzipSampleBytes = 1024 * 1024;

    public static long Of(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var source = InputSource.Open(path, "calls");
        var sample = source.IsGzip ? GzipSampleBytes : SampleBytes;
        var buffer = new byte[SampleBytes];
        long lines = 0, content = 0;
        while (source.BytesRead < sample)
        {
            var read = source.Content.Read(buffer);
            if (read == 0)
            {
                break;
            }

            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            content += read;
        }

        if (lines == 0)
        {
            return content == 0 ? 0 : 1;
        }

        return (long)Math.Ceiling(source.Length * (double)lines / source.BytesRead);
    }
}
