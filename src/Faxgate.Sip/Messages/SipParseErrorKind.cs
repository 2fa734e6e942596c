namespace Faxgate.Sip.Messages;

/// <summary>What is wrong with a SIP message that did not parse.</summary>
public enum SipParseErrorKind
{
    /// <summary>The message (header section and body) exceeds the size limit.</summary>
    MessageTooLarge = 1,

    /// <summary>A datagram ends before the empty line that ends the header section.</summary>
    Truncated,

    /// <summary>The start line is neither a Request-Line nor a Status-Line.</summary>
    BadStartLine,

    /// <summary>The Request-URI is not a URI, or holds what a Request-URI may not (headers).</summary>
    BadRequestUri,

    /// <summary>The status code is not three digits from 100 to 699.</summary>
    BadStatusCode,

    /// <summary>A header line has no colon, a name that is not a token, or a bare CR or LF.</summary>
    BadHeaderLine,

    /// <summary>A header line (with its continuation lines) exceeds the limit.</summary>
    HeaderLineTooLong,

    /// <summary>More header lines than the limit.</summary>
    TooManyHeaders,

    /// <summary>More Via values than the limit.</summary>
    TooManyVias,

    /// <summary>The value of a header Faxgate reads does not follow its grammar or is out of range.</summary>
    BadHeaderValue,

    /// <summary>A header that takes one value appears more than once.</summary>
    DuplicateHeader,

    /// <summary>A message on a stream transport has no Content-Length (RFC 3261 section 18.3).</summary>
    MissingContentLength,

    /// <summary>The body is longer than the limit.</summary>
    BodyTooLarge,

    /// <summary>Content-Length claims more octets than the datagram holds (RFC 3261 section 18.3).</summary>
    ContentLengthExceedsDatagram,
}
