namespace Faxgate.Imaging;

/// <summary>
/// Input that is not a usable image: a broken TIFF, coded data from which no page can be
/// recovered, a file of the wrong kind. The message says what is wrong for an operator to read;
/// <see cref="Offset"/> says where, in bytes from the start of the input, when that is known.
/// </summary>
public sealed class ImageFormatException : FormatException
{
    public ImageFormatException(string message, long? offset = null)
        : base(offset is null ? message : $"{message} (at byte {offset})")
    {
        Offset = offset;
        Reason = message;
    }

    public ImageFormatException(string message, Exception inner)
        : base(message, inner)
    {
        Reason = message;
    }

    public ImageFormatException()
        : this("not a usable image")
    {
    }

    public ImageFormatException(string message)
        : this(message, (long?)null)
    {
    }

    /// <summary>The byte offset of the problem in the input, when known.</summary>
    public long? Offset { get; }

    /// <summary>The message without the position.</summary>
    public string Reason { get; }
}
