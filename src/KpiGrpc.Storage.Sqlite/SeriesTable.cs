using KpiGrpc.Core.Records;
using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// Numbers each (campaign, team, operator) once, so calls and rollups carry a small integer
/// instead of three strings. The map is cached in memory, and transactional like the table:
/// the ids a transaction hands out are forgotten unless it commits, since SQLite hands the same
/// ids out again to the next transaction.
/// </summary>
internal sealed class SeriesTable : IDisposable
{
    private readonly StoreConnection _connection;
    private readonly Statement _insert;
    private readonly Dictionary<SeriesKey, long> _ids = [];
    private readonly Dictionary<long, SeriesKey> _keys = [];
    private readonly List<SeriesKey> _uncommitted = [];

    public SeriesTable(StoreConnection connection)
    {
        _connection = connection;
        // Loaded first: a damaged table then leaves no prepared statement behind (it would keep the database locked).
        Load();
        _insert = new Statement(connection, "INSERT INTO series (campaign_id, team_id, operator_id) VALUES (?, ?, ?)");
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
        _uncommitted.Add(series);
        return id;
    }

    public SeriesKey KeyOf(long id) => _keys[id];

    /// <summary>The id of a series already numbered, without numbering a new one.</summary>
    public bool TryGetId(SeriesKey series, out long id) => _ids.TryGetValue(series, out id);

    public int Count => _ids.Count;

    public bool TryGetKey(long id, out SeriesKey key) => _keys.TryGetValue(id, out key!);

    /// <summary>The transaction committed: the ids it handed out are on disk.</summary>
    public void Committed() => _uncommitted.Clear();

    /// <summary>The transaction did not commit (or will be rolled back before any other write): its ids are not on disk.</summary>
    public void RolledBack()
    {
        foreach (var series in _uncommitted)
        {
            _keys.Remove(_ids[series]);
            _ids.Remove(series);
        }

        _uncommitted.Clear();
    }

    private void Load()
    {
        using var command = _connection.Sqlite.CreateCommand();
        command.CommandText = "SELECT series_id, campaign_id, team_id, operator_id FROM series";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.IsDBNull(0) || reader.IsDBNull(1) || reader.IsDBNull(2) || reader.IsDBNull(3))
            {
                // The schema forbids NULL here: only a damaged page reads so.
                throw StoreErrors.Corrupt($"row {_keys.Count + 1} of the series table reads NULL where its schema forbids it");
            }

            var key = new SeriesKey(reader.GetString(1), reader.GetString(2), reader.GetString(3));
            _ids[key] = reader.GetInt64(0);
            _keys[reader.GetInt64(0)] = key;
        }
    }

    private long LastInsertRowId() => SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Sqlite.Handle!);

    public void Dispose() => _insert.Dispose();
}
