using System.Text;

namespace KpiGrpc.Bench;

/// <summary>The figures of one benchmark run, printed as they come and written as markdown.</summary>
public sealed class BenchReport(string title, string command, MachineFacts machine)
{
    private readonly List<(string Figure, string Value, string Detail)> _rows = [];
    private readonly List<string> _notes = [];

    public void Row(string figure, string value, string detail = "")
    {
        _rows.Add((figure, value, detail));
        Console.WriteLine($"  {figure,-48} {value,18}  {detail}");
    }

    public void Note(string note)
    {
        _notes.Add(note);
        Console.WriteLine($"  note: {note}");
    }

    public void PrintHeader()
    {
        Console.WriteLine($"# {title}");
        Console.WriteLine($"command: {command}");
        Console.WriteLine($"machine: {machine}");
    }

    public string ToMarkdown()
    {
        var text = new StringBuilder()
            .AppendLine($"### {title}")
            .AppendLine()
            .AppendLine($"- Command: `{command}`")
            .AppendLine($"- Machine: {machine}")
            .AppendLine($"- Date: {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine()
            .AppendLine("| Figure | Value | Detail |")
            .AppendLine("| --- | ---: | --- |");
        foreach (var (figure, value, detail) in _rows)
        {
            text.AppendLine($"| {figure} | {value} | {detail} |");
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.AppendLine($"- {note}");
            }
        }

        return text.ToString();
    }
}
