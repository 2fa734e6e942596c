using System.Data.Common;
using Dapper;

namespace Faxgate.Storage.Dialects;

/// <summary>The id the last INSERT on a connection gave its row (AUTO_INCREMENT / rowid), in either engine's spelling.</summary>
internal static class InsertedId
{
    public static Task<long> ReadAsync(SqlDialect dialect, DbConnection connection, DbTransaction transaction) =>
        connection.ExecuteScalarAsync<long>(
            dialect.Provider == StorageProvider.Sqlite ? "SELECT last_insert_rowid()" : "SELECT LAST_INSERT_ID()",
            transaction: transaction);
}
