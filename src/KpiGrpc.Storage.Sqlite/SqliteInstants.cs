namespace KpiGrpc.Storage.Sqlite;

/// <summary>Instants are stored as UTC ticks: exact, ordered, and compared as integers.</summary>
internal static class SqliteInstants
{
    public static long ToTicks(DateTimeOffset instant) => instant.UtcTicks;

    public static DateTimeOffset FromTicks(long utcTicks) => new(utcTicks, TimeSpan.Zero);
}
