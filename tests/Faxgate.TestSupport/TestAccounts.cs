using Dapper;
using Faxgate.Storage;

namespace Faxgate.TestSupport;

/// <summary>Account rows written straight into the database, for tests of records that belong to an account.</summary>
public static class TestAccounts
{
    public static Task AddAsync(Database database, string handle, bool active = true)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "INSERT INTO accounts (handle, name, active, public_key, created_at, updated_at) VALUES (@handle, @name, @active, NULL, @now, @now)",
            new { handle, name = $"Account {handle}", active, now = database.Now }, transaction), CancellationToken.None);
    }

    public static Task SetActiveAsync(Database database, string handle, bool active)
    {
        ArgumentNullException.ThrowIfNull(database);
        return database.WriteAsync((connection, transaction) => connection.ExecuteAsync(
            "UPDATE accounts SET active = @active WHERE handle = @handle", new { handle, active }, transaction), CancellationToken.None);
    }

    /// <summary>Opens a fresh database of <paramref name="provider"/> with the given accounts (all active).</summary>
    public static async Task<(Database Database, StorageOptions Options)> OpenAsync(string provider, params string[] handles)
    {
        StorageOptions options = TestDatabases.Create(provider, Repository.NewScratchDirectory("db"));
        Database database = await Database.OpenAsync(options, Repository.NewScratchDirectory("data"), TimeProvider.System, CancellationToken.None);
        foreach (string handle in handles)
        {
            await AddAsync(database, handle);
        }

        return (database, options);
    }
}
