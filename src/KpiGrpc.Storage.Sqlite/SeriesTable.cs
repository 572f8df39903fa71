using KpiGrpc.Core.Records;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// Numbers each (campaign, team, operator) once, so calls and rollups carry a small integer
/// instead of three strings. The map is cached in memory and rebuilt after a rollback.
/// </summary>
internal sealed class SeriesTable : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Statement _insert;
    private readonly Dictionary<SeriesKey, long> _ids = [];
    private readonly Dictionary<long, SeriesKey> _keys = [];

    public SeriesTable(SqliteConnection connection)
    {
        _connection = connection;
        _insert = new Statement(connection, "INSERT INTO series (campaign_id, team_id, operator_id) VALUES (?, ?, ?)");
        Reload();
    }

    public IReadOnlyDictionary<long, SeriesKey> Keys => _keys;

    public long IdOf(SeriesKey series)
    {
        if (_ids.TryGetValue(series, out var id))
        {
            return id;
        }

        _insert.Bind(1, series.CampaignId).Bind(2, series.TeamId).Bind(3, series.OperatorId).Execute();
        id = LastInsertRowId();
        _ids[series] = id;
        _keys[id] = series;
        return id;
    }

    public SeriesKey KeyOf(long id) => _keys[id];

    /// <summary>Forgets ids assigned in a transaction that was rolled back.</summary>
    public void Reload()
    {
        _ids.Clear();
        _keys.Clear();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT series_id, campaign_id, team_id, operator_id FROM series";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var key = new SeriesKey(reader.GetString(1), reader.GetString(2), reader.GetString(3));
            _ids[key] = reader.GetInt64(0);
            _keys[reader.GetInt64(0)] = key;
        }
    }

    private long LastInsertRowId() => SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle!);

    public void Dispose() => _insert.Dispose();
}
