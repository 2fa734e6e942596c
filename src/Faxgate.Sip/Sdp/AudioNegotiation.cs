using System.Globalization;

namespace Faxgate.Sip.Sdp;

/// <summary>The audio side of offer/answer: G.711 (PCMU 0, PCMA 8) and telephone-event.</summary>
internal static class AudioNegotiation
{
    public static SdpMedia OfferLine(LocalMedia local, int port)
    {
        string events = Invariant(local.TelephoneEventPayloadType);
        return new SdpMedia(SdpMedia.Audio, port, SdpMedia.RtpAvp, ["0", "8", events])
        {
            Attributes =
            [
                new("rtpmap", "0 PCMU/8000"),
                new("rtpmap", "8 PCMA/8000"),
                new("rtpmap", $"{events} telephone-event/8000"),
                new("fmtp", $"{events} 0-15"),
                new("ptime", Invariant(local.Ptime)),
                new(MediaDirection.SendRecv.ToAttributeName()),
            ],
        };
    }

    /// <summary>The first G.711 format in the stream's order and its telephone-event payload type, if any.</summary>
    public static (int PayloadType, string Encoding, int? Events)? Choose(SdpMedia media)
    {
        var maps = new Dictionary<int, RtpMap>();
        foreach (SdpAttributeLine line in media.Attributes.Where(a => a.Is("rtpmap")))
        {
            if (RtpMap.TryParse(line.Value, out RtpMap? map))
            {
                maps.TryAdd(map.PayloadType, map);
            }
        }

        (int, string)? codec = null;
        int? events = null;
        foreach (string format in media.Formats)
        {
            if (!int.TryParse(format, NumberStyles.None, CultureInfo.InvariantCulture, out int type) || type > 127)
            {
                continue;
            }

            RtpMap? map = maps.GetValueOrDefault(type);
            if (map is null && type is 0 or 8)
            {
                // Static payload types need no rtpmap (RFC 3551 6).
                codec ??= (type, type == 0 ? RtpMap.Pcmu : RtpMap.Pcma);
            }
            else if (map is not null && (map.Is(RtpMap.Pcmu) || map.Is(RtpMap.Pcma)))
            {
                codec ??= (type, map.Is(RtpMap.Pcmu) ? RtpMap.Pcmu : RtpMap.Pcma);
            }
            else if (map is not null && map.Is(RtpMap.TelephoneEvent))
            {
                events ??= type;
            }
        }

        return codec is { } chosen ? (chosen.Item1, chosen.Item2, events) : null;
    }

    public static SdpMedia AnswerLine(LocalMedia local, int port, int payloadType, string encoding, int? events, MediaDirection direction)
    {
        var formats = new List<string> { Invariant(payloadType) };
        var attributes = new List<SdpAttributeLine> { new("rtpmap", $"{payloadType} {encoding}/8000") };
        if (events is { } e)
        {
            formats.Add(Invariant(e));
            attributes.Add(new("rtpmap", $"{e} telephone-event/8000"));
            attributes.Add(new("fmtp", $"{e} 0-15"));
        }

        attributes.Add(new("ptime", Invariant(local.Ptime)));
        attributes.Add(new(direction.ToAttributeName()));
        return new SdpMedia(SdpMedia.Audio, port, SdpMedia.RtpAvp, formats) { Attributes = attributes };
    }

    public static int? Ptime(SdpMedia media) =>
        int.TryParse(media.AttributeValue("ptime")?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int ms) && ms > 0 ? ms : null;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
