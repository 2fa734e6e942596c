namespace Faxgate.Fax.T30.Ecm;

/// <summary>An ECM frame or field from the far end that cannot be read: <see cref="Error"/> says why, <see cref="Offset"/> where.</summary>
public sealed class EcmFormatException : FormatException
{
    public EcmFormatException(EcmError error, int offset)
        : base($"ECM {error} at octet {offset}")
    {
        Error = error;
        Offset = offset;
    }

    public EcmFormatException()
        : this(EcmError.None, 0)
    {
    }

    public EcmFormatException(string message)
        : base(message)
    {
    }

    public EcmFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Why the input was refused.</summary>
    public EcmError Error { get; }

    /// <summary>The octet offset of the problem within the input.</summary>
    public int Offset { get; }
}
