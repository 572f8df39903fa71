using System.Buffers.Binary;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>What <see cref="WalFrames.Inspect"/> found in a write-ahead log.</summary>
/// <param name="Frames">Frames that SQLite's recovery keeps: the valid chain up to its last commit.</param>
/// <param name="Commits">Committed transactions among them.</param>
/// <param name="FirstBadFrame">Index of the frame where recovery stops (-1: the log's header), when transactions are lost.</param>
/// <param name="LostCommits">Committed transactions written after that frame: SQLite's recovery silently drops them.</param>
internal sealed record WalInspection(long Frames, long Commits, long? FirstBadFrame, long LostCommits, int PageSize)
{
    public static WalInspection None { get; } = new(0, 0, null, 0, 0);

    /// <summary>Where the damage is, for a person: the header or a frame and its byte offset.</summary>
    public string? DamageLocation => FirstBadFrame switch
    {
        null => null,
        < 0 => "its header (byte 0)",
        { } frame => $"frame {frame:N0} (byte {(frame * (WalFrames.FrameHeaderSize + PageSize)) + WalFrames.HeaderSize:N0})",
    };
}

/// <summary>
/// Reads a SQLite write-ahead log (https://www.sqlite.org/fileformat.html#the_write_ahead_log)
/// before SQLite opens it. SQLite's recovery replays frames while their cumulative checksums
/// hold and stops, silently, at the first frame that fails: every transaction committed after a
/// damaged frame is dropped. This finds such transactions: frames after the bad one that carry
/// this log's salts and pass their own checksum (seeded with the checksum stored in the frame
/// before them), one of which is a commit frame. A damaged last transaction is not reported: it
/// looks the same as the torn, never acknowledged, tail a power cut leaves.
/// </summary>
internal static class WalFrames
{
    public const int HeaderSize = 32;
    public const int FrameHeaderSize = 24;
    private const uint MagicLittleEndian = 0x377f0682;
    private const uint MagicBigEndian = 0x377f0683;
    private const uint FormatVersion = 3007000;

    public static WalInspection Inspect(string walPath, int databasePageSize)
    {
        if (!File.Exists(walPath))
        {
            return WalInspection.None;
        }

        using var file = new FileStream(walPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20);
        var header = new byte[HeaderSize];
        if (file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) < HeaderSize)
        {
            return WalInspection.None;
        }

        var magic = BinaryPrimitives.ReadUInt32BigEndian(header);
        var bigEndian = magic == MagicBigEndian;
        var pageSize = (int)BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8));
        if (pageSize is < 512 or > 65536 || (pageSize & (pageSize - 1)) != 0)
        {
            // A damaged header: frames are still the database's page size.
            pageSize = databasePageSize;
        }

        var salts = header.AsSpan(16, 8).ToArray();
        var headerValid = (magic is MagicLittleEndian or MagicBigEndian)
            && BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)) == FormatVersion
            && StoredChecksum(header, 24) == Checksum(bigEndian, (0, 0), header.AsSpan(0, 24), []);
        var scan = new Scan(bigEndian, headerValid, StoredChecksum(header, 24), salts);
        var frame = new byte[FrameHeaderSize + pageSize];
        for (long index = 0; file.ReadAtLeast(frame, frame.Length, throwOnEndOfStream: false) == frame.Length; index++)
        {
            scan.Next(index, frame);
        }

        return scan.ToInspection(pageSize);
    }

    /// <summary>The frames in file order: the valid chain SQLite recovers, then whatever of this log follows a bad frame.</summary>
    private sealed class Scan(bool bigEndian, bool headerValid, (uint, uint) headerChecksum, byte[] salts)
    {
        private (uint, uint) _previous = headerChecksum;
        private bool _chainIntact = headerValid;
        private long _chainFrames;
        private long _frames;
        private long _commits;
        private long? _firstBad = headerValid ? null : -1;
        private long _lostCommits;

        public void Next(long index, byte[] frame)
        {
            var stored = StoredChecksum(frame, 16);
            var ours = frame.AsSpan(8, 8).SequenceEqual(salts) && BinaryPrimitives.ReadUInt32BigEndian(frame) != 0;
            var isCommit = BinaryPrimitives.ReadUInt32BigEndian(frame.AsSpan(4)) != 0;
            // While the chain holds, _previous is the running checksum; past a bad frame, the
            // checksum that frame stored, so that each later frame is checked on its own.
            var valid = ours && Checksum(bigEndian, _previous, frame.AsSpan(0, 8), frame.AsSpan(FrameHeaderSize)) == stored;
            if (_chainIntact && valid)
            {
                _chainFrames++;
                if (isCommit)
                {
                    (_frames, _commits) = (_chainFrames, _commits + 1);
                }
            }
            else if (_chainIntact)
            {
                // SQLite's recovery stops here.
                (_chainIntact, _firstBad) = (false, index);
            }
            else if (valid && isCommit)
            {
                _lostCommits++;
            }

            _previous = stored;
        }

        public WalInspection ToInspection(int pageSize) =>
            new(_frames, _commits, _lostCommits > 0 ? _firstBad : null, _lostCommits, pageSize);
    }

    private static (uint, uint) StoredChecksum(byte[] bytes, int offset) =>
        (BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset)), BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(offset + 4)));

    /// <summary>SQLite's WAL checksum (walChecksumBytes) over <paramref name="first"/> then <paramref name="second"/>, continuing from <paramref name="seed"/>.</summary>
    private static (uint, uint) Checksum(bool bigEndian, (uint, uint) seed, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var (s1, s2) = seed;
        Add(ref s1, ref s2, first, bigEndian);
        Add(ref s1, ref s2, second, bigEndian);
        return (s1, s2);
    }

    private static void Add(ref uint s1, ref uint s2, ReadOnlySpan<byte> data, bool bigEndian)
    {
        for (var i = 0; i + 8 <= data.Length; i += 8)
        {
            var x0 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[i..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[i..]);
            var x1 = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[(i + 4)..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[(i + 4)..]);
            s1 += x0 + s2;
            s2 += x1 + s1;
        }
    }
}
