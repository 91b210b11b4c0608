using Microsoft.Data.Sqlite;
using Npgsql;

namespace HelpAsk.Web.Data;

/// <summary>What a database failure means to the person waiting, whichever engine raised it.</summary>
public static class DatabaseErrors
{
    /// <summary>
    /// Another writer held the data (SQLite busy or locked; PostgreSQL lock timeout, deadlock, serialization failure):
    /// nothing is wrong with the change, and trying again shortly stores it.
    /// </summary>
    public static bool IsBusy(Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED }
                or PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure })
            {
                return true;
            }
        }

        // The message is all some wrappers keep of SQLite's "database is locked".
        return error.ToString().Contains("database is locked", StringComparison.OrdinalIgnoreCase);
    }
}
