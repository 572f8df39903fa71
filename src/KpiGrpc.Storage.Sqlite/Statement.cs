using Microsoft.Data.Sqlite;

namespace KpiGrpc.Storage.Sqlite;

/// <summary>
/// A command prepared once and run many times on the writer's connection: parameters are
/// bound by position, in the order they are named in the constructor.
/// </summary>
internal sealed class Statement : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly SqliteParameter[] _parameters;

    public Statement(SqliteConnection connection, string sql, params string[] parameterNames)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        _parameters = parameterNames.Select(name => _command.Parameters.Add(new SqliteParameter(name, null))).ToArray();
    }

    public SqliteTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public Statement Bind(int position, object value)
    {
        _parameters[position].Value = value;
        return this;
    }

    public int Execute() => _command.ExecuteNonQuery();

    public SqliteDataReader Query() => _command.ExecuteReader(System.Data.CommandBehavior.SingleRow);

    public void Dispose() => _command.Dispose();
}
