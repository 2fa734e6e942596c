namespace Faxgate.Storage;

/// <summary>
/// The caller asked for something the data does not allow: an unknown or duplicate number, a malformed E.164 number
/// or email address, a job that cannot be retried. The message is meant for the operator as it stands.
/// </summary>
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException(string message)
        : base(message)
    {
    }

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidRequestException()
    {
    }
}
