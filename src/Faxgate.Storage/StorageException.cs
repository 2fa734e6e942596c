namespace Faxgate.Storage;

/// <summary>
/// The database cannot be used as configured: unknown provider, missing connection string, a schema newer than this
/// build, an unreadable key file. The message says what to change.
/// </summary>
public sealed class StorageConfigurationException : Exception
{
    public StorageConfigurationException(string message)
        : base(message)
    {
    }

    public StorageConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageConfigurationException()
    {
    }
}
