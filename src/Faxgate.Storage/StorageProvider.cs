namespace Faxgate.Storage;

/// <summary>The database engines Faxgate runs on.</summary>
public enum StorageProvider
{
    Sqlite,
    MariaDb,
}
