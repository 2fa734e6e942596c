using System.Globalization;
using System.Text;

namespace Faxgate.Sip.Sdp;

/// <summary>The one walk over an SDP body: limits first, then line by line (RFC 4566 5).</summary>
internal static class SdpReader
{
    private static readonly char[] Space = [' ', '\t'];

    public static SdpError Read(ReadOnlySpan<byte> data, SdpLimits limits, out SessionDescription? description)
    {
        description = null;
        if (data.Length > limits.MaxLength)
        {
            return new SdpError(SdpErrorKind.TooLong, 0, limits.MaxLength);
        }

        if (data.Count((byte)'\n') >= limits.MaxLines)
        {
            int at = 0;
            for (int i = 0; i < limits.MaxLines; i++)
            {
                at += data[at..].IndexOf((byte)'\n') + 1;
            }

            if (at < data.Length)
            {
                return new SdpError(SdpErrorKind.TooManyLines, limits.MaxLines + 1, at);
            }
        }

        var session = new Section();
        var media = new List<(Section Section, int Line)>();
        SdpOrigin? origin = null;
        string? sessionName = null;
        string? timing = null;
        bool sawVersion = false;
        int lineNumber = 0;
        int start = 0;
        while (start < data.Length)
        {
            int end = data[start..].IndexOf((byte)'\n');
            int next = end < 0 ? data.Length : start + end + 1;
            ReadOnlySpan<byte> line = data[start..(end < 0 ? data.Length : start + end)];
            if (line.Length > 0 && line[^1] == '\r')
            {
                line = line[..^1];
            }

            lineNumber++;
            int offset = start;
            start = next;
            if (line.Length > limits.MaxLineLength)
            {
                return new SdpError(SdpErrorKind.LineTooLong, lineNumber, offset);
            }

            for (int i = 0; i < line.Length; i++)
            {
                if ((line[i] < 0x20 && line[i] != '\t') || line[i] == 0x7F)
                {
                    return new SdpError(SdpErrorKind.InvalidCharacter, lineNumber, offset + i);
                }
            }

            if (line.Trim((byte)' ').IsEmpty)
            {
                continue;
            }

            if (line.Length < 2 || line[1] != '=' || line[0] < 'a' || line[0] > 'z')
            {
                return new SdpError(SdpErrorKind.MalformedLine, lineNumber, offset);
            }

            char type = (char)line[0];
            string value = Encoding.UTF8.GetString(line[2..]).TrimEnd(Space);
            var here = new SdpError(SdpErrorKind.None, lineNumber, offset);
            if (!sawVersion)
            {
                if (type != 'v' || value.Trim() != "0")
                {
                    return here with { Kind = SdpErrorKind.BadVersion };
                }

                sawVersion = true;
                continue;
            }

            Section current = media.Count > 0 ? media[^1].Section : session;
            switch (type)
            {
                case 'o':
                    if (origin is not null || media.Count > 0 || ParseOrigin(value) is not { } parsed)
                    {
                        return here with { Kind = SdpErrorKind.BadOrigin };
                    }

                    origin = parsed;
                    break;
                case 's':
                    sessionName ??= value;
                    break;
                case 't':
                    timing ??= media.Count == 0 ? value.Trim() : null;
                    break;
                case 'c':
                    if (ParseConnection(value) is not { } connection)
                    {
                        return here with { Kind = SdpErrorKind.BadConnection };
                    }

                    current.Connection ??= connection;
                    break;
                case 'b':
                    if (ParseBandwidth(value) is not { } bandwidth)
                    {
                        return here with { Kind = SdpErrorKind.BadBandwidth };
                    }

                    current.Bandwidths.Add(bandwidth);
                    break;
                case 'a':
                    int colon = value.IndexOf(':', StringComparison.Ordinal);
                    string name = (colon < 0 ? value : value[..colon]).Trim();
                    if (name.Length > 0)
                    {
                        current.Attributes.Add(new SdpAttributeLine(name, colon < 0 ? null : value[(colon + 1)..]));
                    }

                    break;
                case 'm':
                    if (media.Count >= limits.MaxMedia)
                    {
                        return here with { Kind = SdpErrorKind.TooManyMedia };
                    }

                    if (ParseMediaLine(value) is not { } section)
                    {
                        return here with { Kind = SdpErrorKind.BadMedia };
                    }

                    media.Add((section, lineNumber));
                    break;
                default:
                    // i, u, e, p, r, z, k and types this reader does not know: skipped (RFC 4566 5: "SHOULD ignore").
                    break;
            }
        }

        if (!sawVersion)
        {
            return new SdpError(SdpErrorKind.BadVersion, Math.Max(lineNumber, 1), 0);
        }

        if (origin is null)
        {
            return new SdpError(SdpErrorKind.BadOrigin, lineNumber, data.Length);
        }

        var built = new List<SdpMedia>(media.Count);
        foreach ((Section section, int line) in media)
        {
            SdpMedia m = section.Build();
            if (!m.IsRejected && m.Connection is null && session.Connection is null)
            {
                return new SdpError(SdpErrorKind.MissingConnection, line, OffsetOfLine(data, line));
            }

            built.Add(m);
        }

        description = new SessionDescription(origin, built)
        {
            SessionName = string.IsNullOrEmpty(sessionName) ? "-" : sessionName,
            Connection = session.Connection,
            Bandwidths = session.Bandwidths,
            Timing = string.IsNullOrEmpty(timing) ? "0 0" : timing,
            Attributes = session.Attributes,
        };
        return default;
    }

    private static int OffsetOfLine(ReadOnlySpan<byte> data, int line)
    {
        int at = 0;
        for (int i = 1; i < line; i++)
        {
            at += data[at..].IndexOf((byte)'\n') + 1;
        }

        return at;
    }

    private static string[] Tokens(string value) => value.Split(Space, StringSplitOptions.RemoveEmptyEntries);

    private static SdpOrigin? ParseOrigin(string value)
    {
        string[] t = Tokens(value);
        return t.Length == 6
            && ulong.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out ulong id)
            && ulong.TryParse(t[2], NumberStyles.None, CultureInfo.InvariantCulture, out ulong version)
            ? new SdpOrigin(t[0], id, version, t[3], t[4], t[5])
            : null;
    }

    private static SdpConnection? ParseConnection(string value)
    {
        string[] t = Tokens(value);
        return t.Length == 3 ? new SdpConnection(t[0], t[1], t[2]) : null;
    }

    private static SdpBandwidth? ParseBandwidth(string value)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0
            && long.TryParse(value.AsSpan(colon + 1).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long amount)
            ? new SdpBandwidth(value[..colon].Trim(), amount)
            : null;
    }

    private static Section? ParseMediaLine(string value)
    {
        string[] t = Tokens(value);
        if (t.Length < 3)
        {
            return null;
        }

        string[] port = t[1].Split('/');
        int count = 0;
        if (port.Length > 2
            || !int.TryParse(port[0], NumberStyles.None, CultureInfo.InvariantCulture, out int number)
            || number > 65535
            || (port.Length == 2 && (!int.TryParse(port[1], NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > 65535)))
        {
            return null;
        }

        return new Section { Line = new SdpMedia(t[0], number, t[2], t[3..]) { PortCount = port.Length == 2 ? count : null } };
    }

    /// <summary>The lines of the session part or of one media description while they are read.</summary>
    private sealed class Section
    {
        public SdpMedia? Line { get; init; }

        public SdpConnection? Connection { get; set; }

        public List<SdpBandwidth> Bandwidths { get; } = [];

        public List<SdpAttributeLine> Attributes { get; } = [];

        public SdpMedia Build() => Line! with { Connection = Connection, Bandwidths = Bandwidths, Attributes = Attributes };
    }
}
