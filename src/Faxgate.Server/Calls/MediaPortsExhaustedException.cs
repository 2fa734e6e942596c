namespace Faxgate.Server.Calls;

/// <summary>
/// No port of the media range could be bound: all are rented by Faxgate's calls or taken by other programs. The call
/// that asked is refused (503); widen Sip:MediaPorts or lower Sip:MaxConcurrentCalls.
/// </summary>
public sealed class MediaPortsExhaustedException : Exception
{
    public MediaPortsExhaustedException(string message)
        : base(message)
    {
    }

    public MediaPortsExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaPortsExhaustedException()
    {
    }
}
