namespace Faxgate.Sip.Sdp;

/// <summary>
/// The offer/answer model of RFC 3264 for a fax call: our audio and T.38 offers, our answer to a far end's offer, and
/// what a far end's answer to our offer agreed. Pure functions of descriptions: no sockets, no state.
/// </summary>
public static class OfferAnswer
{
    /// <summary>An offer of G.711 audio (PCMU, PCMA) with telephone-event, as an initial INVITE carries.</summary>
    public static SessionDescription CreateAudioOffer(LocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(local);
        int port = local.AudioPort ?? throw new ArgumentException("an audio offer needs an audio port", nameof(local));
        return Describe(local, [AudioNegotiation.OfferLine(local, port)]);
    }

    /// <summary>
    /// An offer of T.38 alone, as a T.38 re-INVITE carries: the image stream takes the place of the audio one, as the
    /// gateways in the field expect.
    /// </summary>
    public static SessionDescription CreateT38Offer(LocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(local);
        int port = local.UdptlPort ?? throw new ArgumentException("a T.38 offer needs a UDPTL port", nameof(local));
        return Describe(local, [T38Line(port, local.T38.ToOfferParameters())]);
    }

    /// <summary>
    /// A T.38 re-offer within a session whose last agreed description was <paramref name="previous"/>: RFC 3264 8 keeps
    /// every m= line, so the first audio (or image) stream becomes the T.38 one and every other stream is disabled with
    /// port 0. The caller gives <paramref name="local"/> the origin of the next version.
    /// </summary>
    public static SessionDescription CreateT38Offer(LocalMedia local, SessionDescription previous)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(previous);
        int port = local.UdptlPort ?? throw new ArgumentException("a T.38 offer needs a UDPTL port", nameof(local));
        int slot = previous.Media.ToList().FindIndex(m => m.IsAudio || m.IsT38);
        var lines = new List<SdpMedia>(Math.Max(previous.Media.Count, 1));
        for (int i = 0; i < previous.Media.Count; i++)
        {
            lines.Add(i == slot ? T38Line(port, local.T38.ToOfferParameters()) : Rejected(previous.Media[i]));
        }

        if (slot < 0)
        {
            lines.Add(T38Line(port, local.T38.ToOfferParameters()));
        }

        return Describe(local, lines);
    }

    /// <summary>
    /// Answers a far end's offer (RFC 3264 6): one m= line per offered one, in order; the first usable audio stream and
    /// the first T.38 stream are accepted when we have a port for them, every other stream is rejected with port 0.
    /// </summary>
    public static SdpAnswer Answer(SessionDescription offer, LocalMedia local)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(local);
        var lines = new List<SdpMedia>(offer.Media.Count);
        NegotiatedAudio? audio = null;
        NegotiatedT38? t38 = null;
        foreach (SdpMedia offered in offer.Media)
        {
            string remote = offer.ConnectionOf(offered)?.Host ?? "";
            if (!offered.IsRejected && audio is null && local.AudioPort is { } audioPort && offered.IsAudio && offered.IsRtpAvp
                && AudioNegotiation.Choose(offered) is { } codec)
            {
                MediaDirection direction = offer.DirectionOf(offered).AnswerTo();
                lines.Add(AudioNegotiation.AnswerLine(local, audioPort, codec.PayloadType, codec.Encoding, codec.Events, direction));
                audio = new NegotiatedAudio(remote, offered.Port, codec.PayloadType, codec.Encoding)
                {
                    TelephoneEventPayloadType = codec.Events,
                    RemotePtime = AudioNegotiation.Ptime(offered),
                    Direction = direction,
                };
            }
            else if (!offered.IsRejected && t38 is null && local.UdptlPort is { } udptlPort && offered.IsT38)
            {
                T38Parameters far = T38Parameters.FromAttributes(offered.Attributes);
                T38Parameters ours = T38Negotiation.Answer(far, local.T38);
                lines.Add(T38Line(udptlPort, ours));
                t38 = T38Negotiation.Agreed(remote, offered.Port, far, ours);
            }
            else
            {
                lines.Add(Rejected(offered));
            }
        }

        return new SdpAnswer(Describe(local, lines), audio, t38);
    }

    /// <summary>Reads a far end's answer to <paramref name="offer"/> (ours) into what was agreed.</summary>
    public static SdpNegotiation ReadAnswer(SessionDescription offer, SessionDescription answer, T38Preferences ours)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(ours);
        if (offer.Media.Count != answer.Media.Count)
        {
            return new SdpNegotiation(NegotiationOutcome.InvalidAnswer);
        }

        NegotiatedAudio? audio = null;
        NegotiatedT38? t38 = null;
        bool offeredT38 = false;
        for (int i = 0; i < offer.Media.Count; i++)
        {
            SdpMedia offered = offer.Media[i];
            SdpMedia answered = answer.Media[i];
            if (offered.IsRejected)
            {
                continue;
            }

            string remote = answer.ConnectionOf(answered)?.Host ?? "";
            if (offered.IsT38)
            {
                offeredT38 = true;
                if (!answered.IsRejected && answered.IsT38 && t38 is null)
                {
                    T38Parameters far = T38Parameters.FromAttributes(answered.Attributes);
                    T38Parameters agreed = ours.ToOfferParameters() with
                    {
                        RateManagement = far.RateManagement ?? ours.RateManagement,
                        ErrorCorrection = far.ErrorCorrection ?? T38ErrorCorrection.None,
                    };
                    t38 = T38Negotiation.Agreed(remote, answered.Port, far, agreed);
                }
            }
            else if (offered.IsAudio && !answered.IsRejected && answered.IsAudio && audio is null
                && AudioNegotiation.Choose(answered) is { } codec)
            {
                audio = new NegotiatedAudio(remote, answered.Port, codec.PayloadType, codec.Encoding)
                {
                    TelephoneEventPayloadType = codec.Events,
                    RemotePtime = AudioNegotiation.Ptime(answered),
                    Direction = answer.DirectionOf(answered).AnswerTo(),
                };
            }
        }

        NegotiationOutcome outcome = offeredT38 && t38 is null ? NegotiationOutcome.T38Refused
            : audio is null && t38 is null ? NegotiationOutcome.NoCommonMedia
            : NegotiationOutcome.Accepted;
        return new SdpNegotiation(outcome, audio, t38);
    }

    private static SdpMedia T38Line(int port, T38Parameters parameters) =>
        new(SdpMedia.Image, port, SdpMedia.Udptl, [SdpMedia.T38Format]) { Attributes = parameters.ToAttributes() };

    // RFC 3264 6: a rejected stream keeps its media and proto, has port 0 and at least one format.
    private static SdpMedia Rejected(SdpMedia offered) =>
        new(offered.MediaType, 0, offered.Proto, offered.Formats.Count > 0 ? [offered.Formats[0]] : [offered.IsAudio ? "0" : SdpMedia.T38Format]);

    private static SessionDescription Describe(LocalMedia local, IReadOnlyList<SdpMedia> media) =>
        new(local.Origin, media) { Connection = SdpConnection.For(local.Address) };
}
