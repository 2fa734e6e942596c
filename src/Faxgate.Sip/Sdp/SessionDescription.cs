using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Faxgate.Sip.Sdp;

/// <summary>
/// A session description (RFC 4566): origin, name, session-level connection, bandwidths and attributes, and the media
/// descriptions in order. Parsing is tolerant (LF-only line ends, unknown line types and blank lines are skipped);
/// <see cref="ToString"/> writes strictly, with CRLF line ends and the lines in the RFC's order.
/// </summary>
public sealed record SessionDescription(SdpOrigin Origin, IReadOnlyList<SdpMedia> Media)
{
    /// <summary>The s= text; "-" when there is nothing to say (RFC 3264 5).</summary>
    public string SessionName { get; init; } = "-";

    public SdpConnection? Connection { get; init; }

    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    /// <summary>The t= value; "0 0" (a session without bounds) for SIP.</summary>
    public string Timing { get; init; } = "0 0";

    public IReadOnlyList<SdpAttributeLine> Attributes { get; init; } = [];

    /// <summary>The connection of a stream: its own c= line, else the session's.</summary>
    public SdpConnection? ConnectionOf(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }

    /// <summary>The direction of a stream: its own attribute, else the session's, else sendrecv.</summary>
    public MediaDirection DirectionOf(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        MediaDirection? session = null;
        foreach (SdpAttributeLine attribute in Attributes)
        {
            session = MediaDirections.TryParse(attribute.Name) ?? session;
        }

        return media.Direction ?? session ?? MediaDirection.SendRecv;
    }

    public static bool TryParse(ReadOnlySpan<byte> data, [NotNullWhen(true)] out SessionDescription? description, out SdpError error) =>
        TryParse(data, SdpLimits.Default, out description, out error);

    /// <summary>Parses a whole SDP body (a SIP message body of the given Content-Length).</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, SdpLimits limits, [NotNullWhen(true)] out SessionDescription? description, out SdpError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        error = SdpReader.Read(data, limits, out description);
        return description is not null;
    }

    public static bool TryParse(string text, [NotNullWhen(true)] out SessionDescription? description, out SdpError error)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(Encoding.UTF8.GetBytes(text), SdpLimits.Default, out description, out error);
    }

    /// <summary>Parses a whole body or throws <see cref="FormatException"/> saying what and on which line.</summary>
    public static SessionDescription Parse(ReadOnlySpan<byte> data, SdpLimits? limits = null) =>
        TryParse(data, limits ?? SdpLimits.Default, out SessionDescription? description, out SdpError error)
            ? description
            : throw new FormatException($"not a session description: {error}");

    public static SessionDescription Parse(string text) => Parse(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

    /// <summary>The body as UTF-8 octets, for a SIP message with Content-Type application/sdp.</summary>
    public byte[] ToBytes() => Encoding.UTF8.GetBytes(ToString());

    public override string ToString() => SdpWriter.Write(this);
}
