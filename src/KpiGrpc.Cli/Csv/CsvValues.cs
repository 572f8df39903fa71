using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using KpiGrpc.Cli.Time;

namespace KpiGrpc.Cli.Csv;

/// <summary>Reads typed values from CSV fields; a value that cannot be read throws <see cref="CsvFieldException"/>.</summary>
internal static class CsvValues
{
    /// <summary>A required instant with Z or a UTC offset.</summary>
    public static Timestamp Instant(CsvFields fields, int column)
    {
        var text = fields[column];
        if (text.Length == 0)
        {
            throw new CsvFieldException(fields.NameOf(column), "is required");
        }

        return IsoInstant.TryParse(text, out var instant, out var error)
            ? Timestamp.FromDateTimeOffset(instant)
            : throw new CsvFieldException(fields.NameOf(column), error!);
    }

    /// <summary>true/false/1/0 (any case); empty means false.</summary>
    public static bool Boolean(CsvFields fields, int column)
    {
        var text = fields[column];
        return TryBoolean(text, out var value)
            ? value
            : throw new CsvFieldException(fields.NameOf(column), $"'{text}' is not a boolean: use true, false, 1 or 0");
    }

    /// <summary>A decimal number with a dot; empty means 0.</summary>
    public static double Number(CsvFields fields, int column)
    {
        var text = fields[column];
        return TryNumber(text, out var value)
            ? value
            : throw new CsvFieldException(fields.NameOf(column), $"'{text}' is not a number such as 42 or 42.5");
    }

    /// <summary>A whole number; empty means 0.</summary>
    public static int Integer(CsvFields fields, int column)
    {
        var text = fields[column];
        return TryInteger(text, out var value)
            ? value
            : throw new CsvFieldException(fields.NameOf(column), $"'{text}' is not a whole number");
    }

    /// <summary>What <see cref="Boolean"/> reads, from a span and without an error.</summary>
    public static bool TryBoolean(ReadOnlySpan<char> text, out bool value)
    {
        value = text is "1" || text.Equals("true", StringComparison.OrdinalIgnoreCase);
        return value || text.IsEmpty || text is "0" || text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>What <see cref="Number"/> reads (finite only), from a span and without an error; plain decimals skip double.Parse.</summary>
    public static bool TryNumber(ReadOnlySpan<char> text, out double value)
    {
        if (SpanDecimal.TryParse(text, out value))
        {
            return true;
        }

        value = 0;
        return text.IsEmpty || (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value));
    }

    /// <summary>What <see cref="Integer"/> reads, from a span and without an error.</summary>
    public static bool TryInteger(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return text.IsEmpty || int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>One of <paramref name="names"/> (any case), mapped to its enum value.</summary>
    public static TEnum OneOf<TEnum>(CsvFields fields, int column, IReadOnlyDictionary<string, TEnum> names)
    {
        var text = fields[column];
        if (names.TryGetValue(text, out var value))
        {
            return value;
        }

        var reason = text.Length == 0 ? "is required: use one of" : $"'{text}' is not one of";
        throw new CsvFieldException(fields.NameOf(column), $"{reason} {string.Join(", ", names.Keys)}");
    }
}
