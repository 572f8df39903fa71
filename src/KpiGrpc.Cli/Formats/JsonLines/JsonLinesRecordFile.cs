using System.Text;
using Google.Protobuf;
using KpiGrpc.Cli.Import;

namespace KpiGrpc.Cli.Formats.JsonLines;

/// <summary>
/// JSON Lines: one record per line in the protobuf JSON mapping of its message
/// (<c>{"callId":"c-1","outcome":"CALL_OUTCOME_PITCHED","startedAt":"2026-03-28T08:15:00Z"}</c>;
/// proto field names such as call_id are accepted too). An unknown field is an error, not
/// silently dropped, since it is usually a typo of a field that then reads as empty.
/// </summary>
internal sealed class JsonLinesRecordFile<T> : IRecordFile<T>
    where T : class, IMessage<T>, new()
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));

    private readonly InputSource _source;
    private readonly StreamReader _reader;

    public JsonLinesRecordFile(InputSource source, string name)
    {
        _source = source;
        _reader = new StreamReader(source.Content, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        Name = name;
    }

    public string Name { get; }

    public long BytesRead => _source.BytesRead;

    public long Length => _source.Length;

    public IReadOnlyList<string> IgnoredColumns { get; } = [];

    public static JsonLinesRecordFile<T> FromText(string text, string name = "input.jsonl") =>
        new(InputSource.FromBytes(Encoding.UTF8.GetBytes(text)), name);

    public IEnumerable<RecordLine<T>> ReadLines()
    {
        var number = 0;
        while (_reader.ReadLine() is { } text)
        {
            number++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return Parse(number, text);
        }
    }

    public void Dispose()
    {
        _reader.Dispose();
        _source.Dispose();
    }

    private static RecordLine<T> Parse(int number, string text)
    {
        try
        {
            return new RecordLine<T>(number, Parser.Parse<T>(text), null);
        }
        catch (Exception ex) when (ex is InvalidJsonException or InvalidProtocolBufferException or FormatException)
        {
            return new RecordLine<T>(number, null, $"not a {typeof(T).Name} in protobuf JSON: {ex.Message}", text);
        }
    }
}
