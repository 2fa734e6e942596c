namespace Faxgate.Sip.Sdp;

/// <summary>
/// One media description (RFC 4566 5.14): the m= line with its port, transport protocol and formats, and the c=, b=
/// and a= lines that follow it. A port of zero is a rejected or disabled stream (RFC 3264 6).
/// </summary>
public sealed record SdpMedia(string MediaType, int Port, string Proto, IReadOnlyList<string> Formats)
{
    public const string Audio = "audio";
    public const string Image = "image";
    public const string RtpAvp = "RTP/AVP";
    public const string Udptl = "udptl";
    public const string T38Format = "t38";

    /// <summary>The port count of an <c>m=audio 49170/2</c> line; null when not given.</summary>
    public int? PortCount { get; init; }

    /// <summary>The media-level c= line, which overrides the session-level one.</summary>
    public SdpConnection? Connection { get; init; }

    public IReadOnlyList<SdpBandwidth> Bandwidths { get; init; } = [];

    public IReadOnlyList<SdpAttributeLine> Attributes { get; init; } = [];

    /// <summary>Port zero: the stream is rejected (in an answer) or disabled (in an offer).</summary>
    public bool IsRejected => Port == 0;

    public bool IsAudio => string.Equals(MediaType, Audio, StringComparison.OrdinalIgnoreCase);

    /// <summary>An <c>m=image ... udptl t38</c> stream (RFC 3362), whatever the capitalisation.</summary>
    public bool IsT38 =>
        string.Equals(MediaType, Image, StringComparison.OrdinalIgnoreCase)
        && string.Equals(Proto, Udptl, StringComparison.OrdinalIgnoreCase)
        && Formats.Any(f => string.Equals(f, T38Format, StringComparison.OrdinalIgnoreCase));

    public bool IsRtpAvp => string.Equals(Proto, RtpAvp, StringComparison.OrdinalIgnoreCase);

    /// <summary>The last direction attribute at media level; null when there is none (see <see cref="SessionDescription.DirectionOf"/>).</summary>
    public MediaDirection? Direction
    {
        get
        {
            MediaDirection? found = null;
            foreach (SdpAttributeLine attribute in Attributes)
            {
                found = MediaDirections.TryParse(attribute.Name) ?? found;
            }

            return found;
        }
    }

    /// <summary>The value of the first attribute named <paramref name="name"/> (any case); null if absent or valueless.</summary>
    public string? AttributeValue(string name) => Attributes.FirstOrDefault(a => a.Is(name))?.Value;

    public bool HasAttribute(string name) => Attributes.Any(a => a.Is(name));
}
