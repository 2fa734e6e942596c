using System.Text;

namespace Faxgate.Sip.Sdp;

/// <summary>Writes a session description strictly: CRLF line ends, lines in RFC 4566 order, nothing else.</summary>
internal static class SdpWriter
{
    public static string Write(SessionDescription description)
    {
        var text = new StringBuilder(512);
        Line(text, 'v', "0");
        Line(text, 'o', description.Origin.ToString());
        Line(text, 's', string.IsNullOrEmpty(description.SessionName) ? "-" : description.SessionName);
        if (description.Connection is { } connection)
        {
            Line(text, 'c', connection.ToString());
        }

        foreach (SdpBandwidth bandwidth in description.Bandwidths)
        {
            Line(text, 'b', bandwidth.ToString());
        }

        Line(text, 't', description.Timing);
        foreach (SdpAttributeLine attribute in description.Attributes)
        {
            Line(text, 'a', attribute.ToString());
        }

        foreach (SdpMedia media in description.Media)
        {
            string port = media.PortCount is { } count ? $"{media.Port}/{count}" : $"{media.Port}";
            Line(text, 'm', $"{media.MediaType} {port} {media.Proto} {string.Join(' ', media.Formats)}".TrimEnd());
            if (media.Connection is { } mediaConnection)
            {
                Line(text, 'c', mediaConnection.ToString());
            }

            foreach (SdpBandwidth bandwidth in media.Bandwidths)
            {
                Line(text, 'b', bandwidth.ToString());
            }

            foreach (SdpAttributeLine attribute in media.Attributes)
            {
                Line(text, 'a', attribute.ToString());
            }
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, char type, string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
        {
            throw new ArgumentException($"an SDP {type}= value cannot hold a line end or NUL: {value}");
        }

        text.Append(type).Append('=').Append(value).Append("\r\n");
    }
}
