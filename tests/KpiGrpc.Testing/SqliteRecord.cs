namespace KpiGrpc.Testing;

/// <summary>
/// A row of integers as SQLite writes it in a page (https://www.sqlite.org/fileformat.html#record_format):
/// a header of serial types, then the values big-endian in the fewest bytes; 0 and 1 take none.
/// </summary>
internal static class SqliteRecord
{
    public static byte[] Encode(long[] values, out int[] bodyOffsets)
    {
        var header = new List<byte> { (byte)(values.Length + 1) };
        var body = new List<byte>();
        bodyOffsets = new int[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            header.Add(SerialType(values[i]));
            bodyOffsets[i] = values.Length + 1 + body.Count;
            var size = BodySize(values[i]);
            for (var shift = (size - 1) * 8; shift >= 0; shift -= 8)
            {
                body.Add((byte)(values[i] >> shift));
            }
        }

        return [.. header, .. body];
    }

    public static int BodySize(long value) => SerialType(value) switch
    {
        1 => 1,
        2 => 2,
        3 => 3,
        4 => 4,
        5 => 6,
        6 => 8,
        _ => 0,
    };

    private static byte SerialType(long value) => value switch
    {
        0 => 8,
        1 => 9,
        >= sbyte.MinValue and <= sbyte.MaxValue => 1,
        >= short.MinValue and <= short.MaxValue => 2,
        >= -8_388_608 and <= 8_388_607 => 3,
        >= int.MinValue and <= int.MaxValue => 4,
        >= -140_737_488_355_328 and <= 140_737_488_355_327 => 5,
        _ => 6,
    };
}
