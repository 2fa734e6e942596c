using Faxgate.Storage;
using MySqlConnector;
using Xunit;

namespace Faxgate.TestSupport;

/// <summary>
/// Fresh, empty databases for tests, on either engine. SQLite: a file in a scratch folder. MariaDB: a database of its
/// own (faxgate_t_...) on the server named by FAXGATE_TEST_MARIADB (a connection string whose user may create and drop
/// databases faxgate_*), by default the private server the test command starts on 127.0.0.1:13306. When no MariaDB
/// server answers, MariaDB tests skip visibly, unless FAXGATE_TEST_MARIADB was set (as the test command does): then
/// an absent server is a failure.
/// </summary>
public static class TestDatabases
{
    public const string DefaultMariaDb = "Server=127.0.0.1;Port=13306;User ID=faxgate;Password=faxgate-pw";

    /// <summary>Both engines, as theory data: "sqlite" and "mariadb".</summary>
    public static TheoryData<string> Providers => new() { "sqlite", "mariadb" };

    private static readonly Lazy<string?> MariaDbProblem = new(ProbeMariaDb);

    private static string MariaDbServer => Environment.GetEnvironmentVariable("FAXGATE_TEST_MARIADB") is { Length: > 0 } configured ? configured : DefaultMariaDb;

    /// <summary>
    /// Storage options for a new empty database of <paramref name="provider"/>; SQLite's file goes under
    /// <paramref name="dataDirectory"/>. Skips the calling test when MariaDB is wanted but absent (see the class).
    /// </summary>
    public static StorageOptions Create(string provider, string dataDirectory)
    {
        if (provider == "sqlite")
        {
            Directory.CreateDirectory(dataDirectory);
            return new StorageOptions { Provider = "sqlite", ConnectionString = $"Data Source={Path.Combine(dataDirectory, "faxgate.db")}" };
        }

        Assert.Equal("mariadb", provider);
        RequireMariaDb();
        string name = $"faxgate_t_{Guid.NewGuid():N}"[..40];
        using (var connection = new MySqlConnection(MariaDbServer))
        {
            connection.Open();
            using MySqlCommand command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci";
            command.ExecuteNonQuery();
        }

        var builder = new MySqlConnectionStringBuilder(MariaDbServer) { Database = name };
        return new StorageOptions { Provider = "mariadb", ConnectionString = builder.ConnectionString };
    }

    /// <summary>Skips the calling test when no MariaDB server answers and none was promised; fails when one was promised.</summary>
    public static void RequireMariaDb()
    {
        string? problem = MariaDbProblem.Value;
        if (problem is null)
        {
            return;
        }

        Assert.True(Environment.GetEnvironmentVariable("FAXGATE_TEST_MARIADB") is not { Length: > 0 },
            $"FAXGATE_TEST_MARIADB is set but MariaDB does not answer: {problem}");
        Skip.If(true, $"no MariaDB server for the tests ({problem}); the test command starts one");
    }

    /// <summary>Drops a database made by <see cref="Create"/> (SQLite files go with their scratch folder).</summary>
    public static void Drop(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != "mariadb")
        {
            return;
        }

        string name = new MySqlConnectionStringBuilder(options.ConnectionString ?? "").Database;
        using var connection = new MySqlConnection(MariaDbServer);
        connection.Open();
        using MySqlCommand command = connection.CreateCommand();
        command.CommandText = $"DROP DATABASE IF EXISTS `{name}`";
        command.ExecuteNonQuery();
    }

    private static string? ProbeMariaDb()
    {
        try
        {
            using var connection = new MySqlConnection(new MySqlConnectionStringBuilder(MariaDbServer) { ConnectionTimeout = 3 }.ConnectionString);
            connection.Open();
            return null;
        }
        catch (MySqlException exception)
        {
            return exception.Message;
        }
    }
}
