using System.IO.Compression;

namespace KpiGrpc.Cli.Formats;

/// <summary>
/// An input file opened for streaming; a gzip file (recognised by its magic bytes, whatever its
/// name) is decompressed on the fly. Progress counts bytes of the file on disk, so a bar over a
/// .gz file still ends at 100%.
/// </summary>
internal sealed class InputSource : IDisposable
{
    private const int BufferSize = 1 << 16;

    private readonly Stream _file;

    private InputSource(Stream file, Stream content)
    {
        _file = file;
        Content = content;
    }

    /// <summary>The bytes to parse (decompressed when the file is gzip).</summary>
    public Stream Content { get; }

    /// <summary>True when the file is gzip, whatever its name: <see cref="Content"/> is its decompressed bytes.</summary>
    public bool IsGzip => !ReferenceEquals(Content, _file);

    /// <summary>Bytes of the file consumed so far (read ahead by a buffer).</summary>
    public long BytesRead => _file.Position;

    public long Length => _file.Length;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="FileNotFoundException"/> naming the <paramref name="kind"/>.</summary>
    public static InputSource Open(string path, string kind)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{kind} file '{path}' does not exist", path);
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            return StartsAsGzip(file)
                ? new InputSource(file, new BufferedStream(new GZipStream(file, CompressionMode.Decompress, leaveOpen: true), BufferSize))
                : new InputSource(file, file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Text held in memory (tests, small inputs).</summary>
    public static InputSource FromBytes(byte[] bytes)
    {
        var stream = new MemoryStream(bytes);
        return StartsAsGzip(stream)
            ? new InputSource(stream, new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true))
            : new InputSource(stream, stream);
    }

    public void Dispose()
    {
        if (IsGzip)
        {
            Content.Dispose();
        }

        _file.Dispose();
    }

    /// <summary>RFC 1952: a gzip member starts with 1f 8b.</summary>
    private static bool StartsAsGzip(Stream stream)
    {
        Span<byte> magic = stackalloc byte[2];
        var read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = 0;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }
}
