using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>
/// The one SIP message parser (RFC 3261 sections 7 and 25). <see cref="TryParse"/> reads from a stream transport
/// (TCP, TLS), framing by Content-Length and returning <see cref="SipParseStatus.Incomplete"/> without consuming
/// anything until the whole message is there; <see cref="TryParseDatagram"/> reads a UDP datagram, which is the
/// whole message. Limits are checked before anything is copied.
/// </summary>
public static class SipMessageParser
{
    private static readonly byte[] EndOfHeaders = "\r\n\r\n"u8.ToArray();

    /// <summary>Parses the message at the start of a stream's buffered bytes.</summary>
    public static SipParseStatus TryParse(
        ReadOnlySpan<byte> data, SipParserLimits limits, out SipMessage? message, out int consumed, out SipParseError? error) =>
        Parse(data, limits, datagram: false, out message, out consumed, out error);

    /// <inheritdoc cref="TryParse(ReadOnlySpan{byte}, SipParserLimits, out SipMessage?, out int, out SipParseError?)"/>
    public static SipParseStatus TryParse(ReadOnlySpan<byte> data, out SipMessage? message, out int consumed, out SipParseError? error) =>
        Parse(data, SipParserLimits.Default, datagram: false, out message, out consumed, out error);

    /// <summary>
    /// Parses one UDP datagram: Content-Length may be absent (the body is the rest of the datagram); octets after
    /// the Content-Length are ignored; a Content-Length beyond the datagram makes it invalid (RFC 3261 section 18.3).
    /// </summary>
    public static SipParseStatus TryParseDatagram(ReadOnlySpan<byte> datagram, SipParserLimits limits, out SipMessage? message, out SipParseError? error) =>
        Parse(datagram, limits, datagram: true, out message, out _, out error);

    /// <summary>Parses a whole datagram, throwing <see cref="FormatException"/> when it is not a valid message.</summary>
    public static SipMessage Parse(ReadOnlySpan<byte> datagram, SipParserLimits? limits = null) =>
        TryParseDatagram(datagram, limits ?? SipParserLimits.Default, out SipMessage? message, out SipParseError? error) == SipParseStatus.Complete
            ? message!
            : throw new FormatException($"not a SIP message: {error}");

    private static SipParseStatus Parse(
        ReadOnlySpan<byte> data, SipParserLimits limits, bool datagram, out SipMessage? message, out int consumed, out SipParseError? error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        message = null;
        consumed = 0;
        error = null;

        // RFC 3261 section 7.5: CRLFs before the start line are ignored.
        int start = 0;
        while (start + 1 < data.Length && data[start] == '\r' && data[start + 1] == '\n')
        {
            start += 2;
        }

        ReadOnlySpan<byte> window = data[start..];
        if (window.Length > limits.MaxMessageBytes)
        {
            window = window[..limits.MaxMessageBytes];
        }

        int end = window.IndexOf(EndOfHeaders);
        if (end < 0)
        {
            if (data.Length - start > limits.MaxMessageBytes)
            {
                return Fail(SipParseErrorKind.MessageTooLarge, start + limits.MaxMessageBytes, $"no end of the header section within {limits.MaxMessageBytes} octets", out error);
            }

            if (datagram)
            {
                return Fail(SipParseErrorKind.Truncated, data.Length, "the datagram ends inside the header section", out error);
            }

            // A start line already complete that is not one will not become one.
            int firstEnd = window.IndexOf("\r\n"u8);
            if (firstEnd >= 0 && !TryReadStartLine(window[..firstEnd], start, out _, out error))
            {
                return SipParseStatus.Invalid;
            }

            // A line still without its end that already passes the line limit will not become valid.
            int lastLineEnd = window.LastIndexOf("\r\n"u8);
            int lastLineStart = lastLineEnd < 0 ? 0 : lastLineEnd + 2;
            if (window.Length - lastLineStart > limits.MaxHeaderLineLength)
            {
                return Fail(SipParseErrorKind.HeaderLineTooLong, start + lastLineStart, $"a line longer than {limits.MaxHeaderLineLength} octets", out error);
            }

            return SipParseStatus.Incomplete;
        }

        int headerEnd = start + end + 2;
        int bodyStart = start + end + 4;
        int firstLineEnd = data[start..headerEnd].IndexOf("\r\n"u8) + start;
        if (!TryReadStartLine(data[start..firstLineEnd], start, out StartLine startLine, out error))
        {
            return SipParseStatus.Invalid;
        }

        if (!TryReadHeaders(data, firstLineEnd + 2, headerEnd, limits, out SipHeaders? headers, out int[]? offsets, out error))
        {
            return SipParseStatus.Invalid;
        }

        if (!SipHeaderFields.TryRead(headers, limits, out SipHeaderFields fields, out int bad, out SipParseErrorKind kind, out string reason))
        {
            return Fail(kind, offsets[bad], reason, out error, headers[bad].Name);
        }

        int available = data.Length - bodyStart;
        int bodyLength;
        if (fields.ContentLength is { } declared)
        {
            if (declared > limits.MaxBodyLength)
            {
                return Fail(SipParseErrorKind.BodyTooLarge, offsets[IndexOf(headers, SipHeaderNames.ContentLength)], $"Content-Length {declared} exceeds the limit of {limits.MaxBodyLength}", out error, SipHeaderNames.ContentLength);
            }

            if ((long)bodyStart - start + declared > limits.MaxMessageBytes)
            {
                return Fail(SipParseErrorKind.MessageTooLarge, start, $"the message exceeds the limit of {limits.MaxMessageBytes} octets", out error);
            }

            if (declared > available)
            {
                if (datagram)
                {
                    return Fail(SipParseErrorKind.ContentLengthExceedsDatagram, offsets[IndexOf(headers, SipHeaderNames.ContentLength)], $"Content-Length {declared} but {available} octets follow the header section", out error, SipHeaderNames.ContentLength);
                }

                return SipParseStatus.Incomplete;
            }

            bodyLength = declared;
        }
        else if (datagram)
        {
            bodyLength = available;
            if (bodyLength > limits.MaxBodyLength || bodyStart - start + bodyLength > limits.MaxMessageBytes)
            {
                return Fail(SipParseErrorKind.BodyTooLarge, bodyStart, $"the body exceeds the limit of {limits.MaxBodyLength} octets", out error);
            }
        }
        else
        {
            return Fail(SipParseErrorKind.MissingContentLength, start, "no Content-Length on a stream transport", out error);
        }

        byte[] body = bodyLength == 0 ? [] : data.Slice(bodyStart, bodyLength).ToArray();
        message = startLine.Method is null
            ? new SipResponse(startLine.StatusCode, startLine.ReasonPhrase, startLine.Version, headers, body, fields)
            : new SipRequest(startLine.Method, startLine.RequestUri!, startLine.Version, headers, body, fields);

        consumed = bodyStart + bodyLength;
        return SipParseStatus.Complete;
    }

    private static bool TryReadStartLine(ReadOnlySpan<byte> line, int offset, out StartLine startLine, out SipParseError? error)
    {
        startLine = default;
        error = null;
        if (line.IndexOfAny((byte)'\r', (byte)'\n') >= 0)
        {
            Fail(SipParseErrorKind.BadStartLine, offset, "a bare CR or LF in the start line", out error);
            return false;
        }

        if (line.Length >= 4 && Ascii.EqualsIgnoreCase(line[..4], "SIP/"u8))
        {
            // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
            int space = line.IndexOf((byte)' ');
            if (space < 0 || !IsVersion(line[..space]))
            {
                Fail(SipParseErrorKind.BadStartLine, offset, "not a SIP-Version", out error);
                return false;
            }

            ReadOnlySpan<byte> rest = line[(space + 1)..];
            if (rest.Length < 3 || !IsDigits(rest[..3]) || (rest.Length > 3 && rest[3] != ' ') || rest[0] is < (byte)'1' or > (byte)'6')
            {
                Fail(SipParseErrorKind.BadStatusCode, offset + space + 1, "the status code is not three digits from 100 to 699", out error);
                return false;
            }

            int code = ((rest[0] - '0') * 100) + ((rest[1] - '0') * 10) + (rest[2] - '0');
            string reason = rest.Length > 4 ? Encoding.UTF8.GetString(rest[4..]) : string.Empty;
            startLine = new StartLine(null, null, code, reason, Version(line[..space]));
            return true;
        }

        // Request-Line = Method SP Request-URI SP SIP-Version: exactly one SP between the three (RFC 4475 3.1.2.9, 3.1.2.10).
        int first = line.IndexOf((byte)' ');
        int last = line.LastIndexOf((byte)' ');
        if (first <= 0 || last == first || !IsToken(line[..first]) || !IsVersion(line[(last + 1)..]))
        {
            Fail(SipParseErrorKind.BadStartLine, offset, "not Method SP Request-URI SP SIP-Version", out error);
            return false;
        }

        ReadOnlySpan<byte> uriBytes = line[(first + 1)..last];
        if (uriBytes.IsEmpty || uriBytes.IndexOfAnyExceptInRange((byte)'!', (byte)'~') >= 0)
        {
            Fail(SipParseErrorKind.BadStartLine, offset + first + 1, "white space or a non-ASCII octet in the Request-URI", out error);
            return false;
        }

        string uriText = Encoding.ASCII.GetString(uriBytes);
        if (!SipUri.TryParse(uriText, out SipUri? uri) || uri.Headers.Count > 0)
        {
            // RFC 3261 section 19.1.1: headers are not allowed in a Request-URI (RFC 4475 3.1.2.11).
            Fail(SipParseErrorKind.BadRequestUri, offset + first + 1, "the Request-URI is not a URI, or carries headers", out error);
            return false;
        }

        startLine = new StartLine(Encoding.ASCII.GetString(line[..first]), uri, 0, string.Empty, Version(line[(last + 1)..]));
        return true;
    }

    private static bool TryReadHeaders(
        ReadOnlySpan<byte> data, int at, int headerEnd, SipParserLimits limits, out SipHeaders headers, out int[] offsets, out SipParseError? error)
    {
        headers = SipHeaders.Empty;
        offsets = [];
        error = null;
        var items = new List<SipHeader>(24);
        var lineOffsets = new List<int>(24);
        while (at < headerEnd)
        {
            // One header line runs to the CRLF not followed by SP or HT (RFC 3261 section 7.3.1).
            int lineEnd = at;
            while (true)
            {
                int crlf = data[lineEnd..headerEnd].IndexOf("\r\n"u8) + lineEnd;
                lineEnd = crlf + 2;
                if (lineEnd >= headerEnd || data[lineEnd] is not ((byte)' ' or (byte)'\t'))
                {
                    lineEnd = crlf;
                    break;
                }
            }

            ReadOnlySpan<byte> line = data[at..lineEnd];
            if (items.Count >= limits.MaxHeaderCount)
            {
                Fail(SipParseErrorKind.TooManyHeaders, at, $"more than {limits.MaxHeaderCount} header lines", out error);
                return false;
            }

            if (line.Length > limits.MaxHeaderLineLength)
            {
                Fail(SipParseErrorKind.HeaderLineTooLong, at, $"a header line longer than {limits.MaxHeaderLineLength} octets", out error);
                return false;
            }

            int colon = line.IndexOf((byte)':');
            ReadOnlySpan<byte> name = colon < 0 ? default : line[..colon].TrimEnd(" \t"u8);
            if (colon < 0 || !IsToken(name))
            {
                Fail(SipParseErrorKind.BadHeaderLine, at, "a header line without a token and a colon", out error);
                return false;
            }

            if (!TryUnfold(line[(colon + 1)..], out string? value))
            {
                Fail(SipParseErrorKind.BadHeaderLine, at, "a bare CR or LF in a header line", out error);
                return false;
            }

            items.Add(new SipHeader(CanonicalName(name), value));
            lineOffsets.Add(at);
            at = lineEnd + 2;
        }

        headers = new SipHeaders([.. items], false);
        offsets = [.. lineOffsets];
        return true;
    }

    /// <summary>The value with each CRLF and the white space around it as one SP, trimmed (RFC 3261 section 7.3.1).</summary>
    private static bool TryUnfold(ReadOnlySpan<byte> raw, [NotNullWhen(true)] out string? value)
    {
        value = null;
        raw = raw.Trim(" \t\r\n"u8);
        if (raw.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            value = raw.IsEmpty ? string.Empty : Encoding.UTF8.GetString(raw);
            return true;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(raw.Length);
        try
        {
            int n = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                byte b = raw[i];
                if (b == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
                {
                    while (n > 0 && rented[n - 1] is (byte)' ' or (byte)'\t')
                    {
                        n--;
                    }

                    i += 2;
                    while (i < raw.Length && raw[i] is (byte)' ' or (byte)'\t')
                    {
                        i++;
                    }

                    i--;
                    rented[n++] = (byte)' ';
                }
                else if (b is (byte)'\r' or (byte)'\n')
                {
                    return false;
                }
                else
                {
                    rented[n++] = b;
                }
            }

            value = Encoding.UTF8.GetString(rented, 0, n);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static string CanonicalName(ReadOnlySpan<byte> name)
    {
        Span<char> chars = stackalloc char[name.Length <= 256 ? name.Length : 0];
        if (name.Length > 256)
        {
            return SipHeaderNames.Canonicalize(Encoding.ASCII.GetString(name));
        }

        for (int i = 0; i < name.Length; i++)
        {
            chars[i] = (char)name[i];
        }

        return SipHeaderNames.Canonicalize(chars);
    }

    private static int IndexOf(SipHeaders headers, string name)
    {
        for (int i = 0; i < headers.Count; i++)
        {
            if (headers[i].Name == name)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>The SIP-Version in upper case (RFC 3261 section 7.1: it is case-insensitive).</summary>
    private static string Version(ReadOnlySpan<byte> text) => text.SequenceEqual("SIP/2.0"u8) ? SipRequest.SipVersion : Encoding.ASCII.GetString(text).ToUpperInvariant();

    /// <summary>SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT.</summary>
    private static bool IsVersion(ReadOnlySpan<byte> text)
    {
        if (text.Length < 4 || !Ascii.EqualsIgnoreCase(text[..4], "SIP/"u8))
        {
            return false;
        }

        ReadOnlySpan<byte> number = text[4..];
        int dot = number.IndexOf((byte)'.');
        return dot > 0 && IsDigits(number[..dot]) && IsDigits(number[(dot + 1)..]);
    }

    private static bool IsDigits(ReadOnlySpan<byte> text) => !text.IsEmpty && text.IndexOfAnyExceptInRange((byte)'0', (byte)'9') < 0;

    private static bool IsToken(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (byte b in text)
        {
            if (!SipSyntax.IsTokenChar(b))
            {
                return false;
            }
        }

        return true;
    }

    private static SipParseStatus Fail(SipParseErrorKind kind, int offset, string reason, out SipParseError? error, string? header = null)
    {
        error = new SipParseError(kind, offset, reason, header);
        return SipParseStatus.Invalid;
    }

    /// <summary>A Request-Line (Method set) or a Status-Line, read before the header lines.</summary>
    private readonly record struct StartLine(string? Method, SipUri? RequestUri, int StatusCode, string ReasonPhrase, string Version);
}
