namespace KpiGrpc.Cli.Compute;

/// <summary>The calls file of a computation, read batch by batch into columns.</summary>
internal interface ICallBatchSource : IDisposable
{
    /// <summary>The file name, for messages.</summary>
    string Name { get; }

    /// <summary>
    /// Reads lines until <paramref name="batch"/> holds <paramref name="maxCalls"/> calls or the
    /// file ends: the line number of each call added goes to <paramref name="lineNumbers"/>, each
    /// unreadable line to <paramref name="unreadable"/> (line number, reason). False once no line is left.
    /// </summary>
    bool Fill(CallColumnsBuilder batch, int maxCalls, List<int> lineNumbers, Action<int, string> unreadable);
}
