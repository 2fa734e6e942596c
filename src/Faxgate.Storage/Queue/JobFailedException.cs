namespace Faxgate.Storage.Queue;

/// <summary>Thrown by a handler to fail the attempt, saying whether a later attempt may succeed.</summary>
public sealed class JobFailedException : Exception
{
    public JobFailedException(string message, bool retryable)
        : base(message)
    {
        Retryable = retryable;
    }

    public JobFailedException(string message, bool retryable, Exception innerException)
        : base(message, innerException)
    {
        Retryable = retryable;
    }

    public JobFailedException()
    {
        Retryable = true;
    }

    public JobFailedException(string message)
        : this(message, retryable: true)
    {
    }

    public JobFailedException(string message, Exception innerException)
        : this(message, retryable: true, innerException)
    {
    }

    public bool Retryable { get; }
}
