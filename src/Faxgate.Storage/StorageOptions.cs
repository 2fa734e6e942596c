namespace Faxgate.Storage;

/// <summary>Where Faxgate keeps its data (configuration section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary><c>sqlite</c> (the embedded default: one file in the data folder) or <c>mariadb</c> (also MySQL).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>
    /// The database to use. For SQLite the default is <c>Data Source=DATA/faxgate.db</c>; for MariaDB it is required,
    /// e.g. <c>Server=db1;Port=3306;Database=faxgate;User ID=faxgate;Password=...</c>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The file holding the server key-encryption key. Defaults to <c>DATA/keys/server.key</c>, created with mode 0600
    /// on first start. Keep it out of backups and out of the database's reach.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// The server key-encryption key itself, base64 of 32 bytes (environment variable <c>FAXGATE__Storage__Key</c>).
    /// When set, it wins over the key file.
    /// </summary>
    public string? Key { get; set; }

    /// <summary>How long one SQL command may take before it is abandoned (seconds), including waiting for a lock.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;
}
