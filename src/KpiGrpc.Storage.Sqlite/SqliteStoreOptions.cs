namespace KpiGrpc.Storage.Sqlite;

/// <summary>Where and how the embedded store keeps its data.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Folder holding kpi.db (created if missing). Default ./data.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>File name of the database inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = "kpi.db";

    public string DatabasePath => Path.Combine(DataDirectory, FileName);
}
