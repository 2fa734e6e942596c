using System.Globalization;
using System.Net;
using System.Text;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>One m= section of a <see cref="TestSdp"/>: media kind, port, protocol, formats and its a= lines.</summary>
internal sealed record TestSdpMedia(string Kind, int Port, string Protocol, IReadOnlyList<string> Formats, IReadOnlyList<string> Attributes, string? ConnectionAddress)
{
    /// <summary>The value of the first <c>a=name:value</c> (name case-insensitive), "" for a flag, null when absent.</summary>
    public string? Attribute(string name) =>
        Attributes.Select(a => a.Split(':', 2)).FirstOrDefault(p => p[0].Equals(name, StringComparison.OrdinalIgnoreCase)) is string[] pair
            ? (pair.Length > 1 ? pair[1].Trim() : string.Empty)
            : null;
}

/// <summary>
/// SDP for the test peer (RFC 4566, RFC 3264; T.38 attributes of ITU-T T.38 Annex D): offers and answers built as
/// text, and a small reader of the far end's, written apart from Faxgate's own SDP code.
/// </summary>
internal sealed class TestSdp
{
    private TestSdp(string? connectionAddress, IReadOnlyList<TestSdpMedia> media, string text)
    {
        ConnectionAddress = connectionAddress;
        Media = media;
        Text = text;
    }

    /// <summary>The session-level c= address.</summary>
    public string? ConnectionAddress { get; }

    public IReadOnlyList<TestSdpMedia> Media { get; }

    public string Text { get; }

    /// <summary>The first m=image section, or null.</summary>
    public TestSdpMedia? Image => Media.FirstOrDefault(m => m.Kind == "image");

    /// <summary>The first m=audio section, or null.</summary>
    public TestSdpMedia? Audio => Media.FirstOrDefault(m => m.Kind == "audio");

    /// <summary>The port of m=image (0 = refused), or null when there is none.</summary>
    public int? ImagePort => Image?.Port;

    /// <summary>The port of m=audio (0 = refused), or null when there is none.</summary>
    public int? AudioPort => Audio?.Port;

    /// <summary>True when the SDP has an accepted <c>m=image PORT udptl t38</c>.</summary>
    public bool IsT38 => Image is { Port: > 0 } image && image.Protocol.Equals("udptl", StringComparison.OrdinalIgnoreCase)
        && image.Formats.Contains("t38", StringComparer.OrdinalIgnoreCase);

    /// <summary>Where the far end wants UDPTL: m=image's (or the session's) c= address and m=image's port.</summary>
    public IPEndPoint T38EndPoint => Image is { } image
        ? new IPEndPoint(IPAddress.Parse(image.ConnectionAddress ?? ConnectionAddress ?? throw new InvalidOperationException("SDP has no c= line")), image.Port)
        : throw new InvalidOperationException($"SDP has no m=image:\n{Text}");

    /// <summary>A T.38 attribute of m=image (e.g. "T38FaxVersion"), or null.</summary>
    public string? T38Attribute(string name) => Image?.Attribute(name);

    /// <summary>An audio offer or answer: PCMU, PCMA and telephone-event on <paramref name="port"/>.</summary>
    public static string AudioOffer(int port, string address = "127.0.0.1", int sessionVersion = 1) =>
        Session(address, sessionVersion) +
        $"m=audio {port} RTP/AVP 0 8 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    /// <summary>A T.38 offer: <c>m=image PORT udptl t38</c> with the usual T.38 attributes.</summary>
    public static string T38Offer(int port, int version = 0, int maxBitRate = 14400, string rateManagement = "transferredTCF",
        string udpEc = "t38UDPRedundancy", int maxBuffer = 2000, int maxDatagram = 400, string address = "127.0.0.1", int sessionVersion = 1) =>
        Session(address, sessionVersion) +
        $"m=image {port} udptl t38\r\n" +
        $"a=T38FaxVersion:{version}\r\n" +
        $"a=T38MaxBitRate:{maxBitRate}\r\n" +
        $"a=T38FaxRateManagement:{rateManagement}\r\n" +
        $"a=T38FaxMaxBuffer:{maxBuffer}\r\n" +
        $"a=T38FaxMaxDatagram:{maxDatagram}\r\n" +
        $"a=T38FaxUdpEC:{udpEc}\r\n";

    /// <summary>A T.38 answer; the same shape as an offer, with the values the answerer settles on.</summary>
    public static string T38Answer(int port, int version = 0, int maxBitRate = 14400, string rateManagement = "transferredTCF",
        string udpEc = "t38UDPRedundancy", int maxBuffer = 2000, int maxDatagram = 400, string address = "127.0.0.1", int sessionVersion = 1) =>
        T38Offer(port, version, maxBitRate, rateManagement, udpEc, maxBuffer, maxDatagram, address, sessionVersion);

    /// <summary>Answers an offer's m=image with port 0 (refused), keeping an audio stream on <paramref name="audioPort"/>.</summary>
    public static string RefuseImage(int audioPort, string address = "127.0.0.1", int sessionVersion = 1) =>
        AudioOffer(audioPort, address, sessionVersion) + "m=image 0 udptl t38\r\n";

    /// <summary>Reads an SDP body tolerantly (any line ending; unknown lines ignored).</summary>
    public static TestSdp Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? session = null;
        var media = new List<(string Kind, int Port, string Protocol, List<string> Formats, List<string> Attributes, string? Connection)>();
        foreach (string raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            string line = raw.Trim();
            if (line.Length < 2 || line[1] != '=')
            {
                continue;
            }

            string value = line[2..];
            switch (line[0])
            {
                case 'm':
                    string[] m = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    int port = m.Length > 1 && int.TryParse(m[1].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture, out int p) ? p : -1;
                    media.Add((m.Length > 0 ? m[0] : string.Empty, port, m.Length > 2 ? m[2] : string.Empty, [.. m.Skip(3)], [], null));
                    break;
                case 'c':
                    string address = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
                    address = address.Split('/')[0];
                    if (media.Count == 0)
                    {
                        session = address;
                    }
                    else
                    {
                        media[^1] = media[^1] with { Connection = address };
                    }

                    break;
                case 'a' when media.Count > 0:
                    media[^1].Attributes.Add(value);
                    break;
            }
        }

        return new TestSdp(session, [.. media.Select(m => new TestSdpMedia(m.Kind, m.Port, m.Protocol, m.Formats, m.Attributes, m.Connection))], text);
    }

    public override string ToString() => Text;

    private static string Session(string address, int version) =>
        new StringBuilder()
            .Append("v=0\r\n")
            .Append(CultureInfo.InvariantCulture, $"o=- 1000 {version} IN IP4 {address}\r\n")
            .Append("s=-\r\n")
            .Append(CultureInfo.InvariantCulture, $"c=IN IP4 {address}\r\n")
            .Append("t=0 0\r\n")
            .ToString();
}
