namespace Faxgate.Sip.Sdp;

/// <summary>What is wrong with a session description that did not parse.</summary>
public enum SdpErrorKind
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The body is longer than the limit.</summary>
    TooLong,

    /// <summary>The body has more lines than the limit.</summary>
    TooManyLines,

    /// <summary>A line is longer than the limit.</summary>
    LineTooLong,

    /// <summary>More m= lines than the limit.</summary>
    TooManyMedia,

    /// <summary>A line is not of the form <c>&lt;type&gt;=&lt;value&gt;</c>.</summary>
    MalformedLine,

    /// <summary>A NUL or another control character that SDP text never holds.</summary>
    InvalidCharacter,

    /// <summary>The first line is not <c>v=0</c>.</summary>
    BadVersion,

    /// <summary>The o= line is missing, repeated or malformed.</summary>
    BadOrigin,

    /// <summary>A c= line is malformed.</summary>
    BadConnection,

    /// <summary>A b= line is malformed.</summary>
    BadBandwidth,

    /// <summary>An m= line is malformed (media, port, proto or formats).</summary>
    BadMedia,

    /// <summary>An accepted stream has no c= line at session or media level.</summary>
    MissingConnection,
}
