using nietras.SeparatedValues;

namespace KpiGrpc.Cli.Csv;

/// <summary>Finds where each column of a record kind sits in a file's header.</summary>
internal static class CsvHeaderBinding
{
    /// <summary>
    /// The file index of each format column (-1 when an optional one is absent), the file column
    /// name of each (after renames) and the header columns nobody reads; throws
    /// <see cref="CsvSchemaException"/> naming every missing column.
    /// </summary>
    public static (int[] FileIndexes, string[] FileNames, IReadOnlyList<string> Ignored) Bind<T>(
        SepReaderHeader header, ICsvRecordFormat<T> format, string fileName, CsvReadOptions options)
        where T : class
    {
        var fileNames = format.Columns.Select(c => options.FileColumnOf(c.Name)).ToArray();
        var expected = string.Join(", ", format.Columns.Where(c => c.Required).Select(c => options.FileColumnOf(c.Name)));
        if (header.IsEmpty)
        {
            throw new CsvSchemaException($"{fileName}: the file is empty; the first line must be a header with at least {expected}");
        }

        var indexes = new int[format.Columns.Count];
        var missing = new List<string>();
        for (var i = 0; i < indexes.Length; i++)
        {
            var column = format.Columns[i];
            indexes[i] = header.TryIndexOf(fileNames[i], out var index) ? index : -1;
            if (indexes[i] < 0 && column.Required)
            {
                missing.Add(fileNames[i] == column.Name ? column.Name : $"{fileNames[i]} (for {column.Name})");
            }
        }

        if (missing.Count > 0)
        {
            throw new CsvSchemaException(
                $"{fileName}: missing required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} " +
                $"(the header has: {string.Join(", ", header.ColNames)})");
        }

        var known = fileNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var ignored = header.ColNames.Where(name => !known.Contains(name)).ToList();
        return (indexes, fileNames, ignored);
    }
}
