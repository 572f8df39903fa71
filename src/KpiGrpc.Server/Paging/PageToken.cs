using System.Buffers.Text;
using System.Security.Cryptography;
using Google.Protobuf;
using KpiGrpc.Core.Querying;

namespace KpiGrpc.Server.Paging;

/// <summary>
/// What a page_token carries: the query it belongs to (a hash of the request without its paging
/// fields) and the key of the last group returned, so that the next page starts after that key
/// whatever groups arrived meanwhile. Opaque to clients: base64url of a versioned binary form.
/// </summary>
public sealed record PageToken(byte[] QueryHash, GroupKey After)
{
    // 2 adds the local weekday and hour; version 1 tokens (no local grouping) are still read.
    private const byte Version = 2;
    private const int HashBytes = 16;

    /// <summary>Identifies the query: every field of the request but page_size and page_token.</summary>
    public static byte[] HashOf(V1.QueryKpisRequest request)
    {
        var query = request.Clone();
        query.PageSize = 0;
        query.PageToken = "";
        return SHA256.HashData(query.ToByteArray())[..HashBytes];
    }

    public bool BelongsTo(byte[] queryHash) => QueryHash.AsSpan().SequenceEqual(queryHash);

    public string Encode()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(Version);
            writer.Write(QueryHash);
            WriteOptional(writer, After.OperatorId);
            WriteOptional(writer, After.TeamId);
            WriteOptional(writer, After.CampaignId);
            writer.Write((sbyte)(After.Weekday is { } weekday ? (int)weekday : -1));
            writer.Write((sbyte)(After.HourOfDay ?? -1));
            writer.Write(After.PeriodStart.HasValue);
            writer.Write(After.PeriodStart?.UtcTicks ?? 0);
        }

        return Base64Url.EncodeToString(buffer.ToArray());
    }

    /// <summary>Reads a token this server issued; anything else is an INVALID_ARGUMENT on page_token.</summary>
    public static PageToken Decode(string text)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(Base64Url.DecodeFromChars(text)));
            var version = reader.ReadByte();
            if (version is not (1 or Version))
            {
                throw new FormatException("unknown token version");
            }

            var hash = reader.ReadBytes(HashBytes);
            var after = new GroupKey(ReadOptional(reader), ReadOptional(reader), ReadOptional(reader), null);
            if (version == Version)
            {
                var weekday = reader.ReadSByte();
                var hour = reader.ReadSByte();
                after = after with
                {
                    Weekday = weekday is >= 1 and <= 7 ? (LocalHour.Day)weekday : weekday == -1 ? null : throw new FormatException("bad weekday"),
                    HourOfDay = hour is >= 0 and <= 23 ? hour : hour == -1 ? null : throw new FormatException("bad hour"),
                };
            }

            var hasPeriod = reader.ReadBoolean();
            var ticks = reader.ReadInt64();
            if (hash.Length != HashBytes || reader.BaseStream.Position != reader.BaseStream.Length)
            {
                throw new FormatException("truncated or overlong token");
            }

            return new PageToken(hash, hasPeriod ? after with { PeriodStart = new DateTimeOffset(ticks, TimeSpan.Zero) } : after);
        }
        catch (Exception error) when (error is FormatException or EndOfStreamException or ArgumentException or IOException)
        {
            throw new KpiRequestException("page_token",
                "page_token is not one this server issued: pass the next_page_token of the previous response unchanged");
        }
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        writer.Write(value ?? "");
    }

    private static string? ReadOptional(BinaryReader reader)
    {
        var present = reader.ReadBoolean();
        var value = reader.ReadString();
        return present ? value : null;
    }
}
