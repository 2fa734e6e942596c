using Faxgate.Sip.Sdp;

namespace Faxgate.Sip.Tests.Sdp;

public sealed class OfferAnswerTests
{
    private static readonly LocalMedia Local = new(SdpOrigin.For("192.0.2.50", 42, 1), "192.0.2.50") { AudioPort = 40000, UdptlPort = 40002 };

    [Fact]
    public void Audio_offer_states_pcmu_pcma_and_telephone_event()
    {
        Assert.Equal(
            "v=0\r\no=faxgate 42 1 IN IP4 192.0.2.50\r\ns=-\r\nc=IN IP4 192.0.2.50\r\nt=0 0\r\n" +
            "m=audio 40000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n" +
            "a=fmtp:101 0-15\r\na=ptime:20\r\na=sendrecv\r\n",
            OfferAnswer.CreateAudioOffer(Local).ToString());
    }

    [Fact]
    public void T38_offer_states_our_preferences_and_declines_the_optional_features()
    {
        LocalMedia local = Local with { Origin = Local.Origin.Next(), T38 = new T38Preferences { Version = 3, MaxBuffer = 1800, MaxDatagram = 1400 } };

        Assert.Equal(
            "v=0\r\no=faxgate 42 2 IN IP4 192.0.2.50\r\ns=-\r\nc=IN IP4 192.0.2.50\r\nt=0 0\r\n" +
            "m=image 40002 udptl t38\r\na=T38FaxVersion:3\r\na=T38MaxBitRate:14400\r\na=T38FaxRateManagement:transferredTCF\r\n" +
            "a=T38FaxMaxBuffer:1800\r\na=T38FaxMaxDatagram:1400\r\na=T38FaxUdpEC:t38UDPRedundancy\r\n",
            OfferAnswer.CreateT38Offer(local).ToString());
    }

    [Fact]
    public void A_t38_re_offer_keeps_every_m_line_and_puts_image_in_the_audio_slot()
    {
        SessionDescription previous = SessionDescription.Parse(
            "v=0\r\no=faxgate 42 1 IN IP4 192.0.2.50\r\ns=-\r\nc=IN IP4 192.0.2.50\r\nt=0 0\r\n" +
            "m=video 0 RTP/AVP 96\r\nm=audio 40000 RTP/AVP 0 101\r\nm=audio 40010 RTP/AVP 8\r\n");

        SessionDescription offer = OfferAnswer.CreateT38Offer(Local with { Origin = Local.Origin.Next() }, previous);

        Assert.Equal(["video 0", "image 40002", "audio 0"], offer.Media.Select(m => $"{m.MediaType} {m.Port}"));
        Assert.True(offer.Media[1].IsT38);
        Assert.Equal(2UL, offer.Origin.SessionVersion);
        SdpNegotiation refused = OfferAnswer.ReadAnswer(offer, SessionDescription.Parse(offer.ToString().Replace("image 40002", "image 0", StringComparison.Ordinal)), T38Preferences.Default);
        Assert.Equal(NegotiationOutcome.T38Refused, refused.Outcome);
    }

    [Fact]
    public void Offers_need_the_port_they_describe()
    {
        Assert.Throws<ArgumentException>(() => OfferAnswer.CreateT38Offer(Local with { UdptlPort = null }));
        Assert.Throws<ArgumentException>(() => OfferAnswer.CreateAudioOffer(Local with { AudioPort = null }));
        Assert.Throws<InvalidOperationException>(() => OfferAnswer.CreateT38Offer(Local with { T38 = new T38Preferences { Version = 4 } }));
    }

    [Fact]
    public void Answer_to_an_asterisk_audio_offer_takes_pcmu_and_telephone_event()
    {
        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(SdpSamples.AsteriskAudioOffer), Local);

        Assert.Equal(new NegotiatedAudio("192.0.2.10", 10000, 0, "PCMU") { TelephoneEventPayloadType = 101, RemotePtime = 20, Direction = MediaDirection.SendRecv }, answer.Audio);
        Assert.Null(answer.T38);
        SdpMedia line = Assert.Single(answer.Description.Media);
        Assert.Equal("m=audio 40000 RTP/AVP 0 101", FirstMediaLine(answer.Description));
        Assert.Equal(["rtpmap:0 PCMU/8000", "rtpmap:101 telephone-event/8000", "fmtp:101 0-15", "ptime:20", "sendrecv"], line.Attributes.Select(a => a.ToString()));
    }

    [Fact]
    public void Answer_to_audio_and_image_accepts_both_in_order_and_keeps_the_offerers_codec_order()
    {
        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(SdpSamples.AtaAudioAndImageOffer), Local);

        Assert.Equal(2, answer.Description.Media.Count);
        Assert.Equal(8, answer.Audio!.PayloadType);
        Assert.Equal("PCMA", answer.Audio.Encoding);
        Assert.Equal(new NegotiatedT38("192.0.2.77", 5006, 0)
        {
            RateManagement = T38RateManagement.TransferredTcf,
            ErrorCorrection = T38ErrorCorrection.Redundancy,
            RemoteMaxDatagram = 512,
        }, answer.T38);
        Assert.True(answer.Description.Media[1].IsT38);
    }

    [Fact]
    public void Answer_without_an_audio_port_rejects_the_audio_stream_with_port_zero()
    {
        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(SdpSamples.AtaAudioAndImageOffer), Local with { AudioPort = null });

        Assert.Equal("m=audio 0 RTP/AVP 8", FirstMediaLine(answer.Description));
        Assert.Null(answer.Audio);
        Assert.NotNull(answer.T38);
        Assert.Equal(40002, answer.Description.Media[1].Port);
    }

    [Fact]
    public void T38_answer_takes_the_lower_version_and_rate_and_declines_fill_bit_removal_and_transcoding()
    {
        LocalMedia local = Local with { T38 = new T38Preferences { Version = 3, MaxDatagram = 1400, MaxBuffer = 1800 } };
        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(SdpSamples.FreeSwitchT38Offer), local);

        T38Parameters answered = T38Parameters.FromAttributes(answer.Description.Media[0].Attributes);
        Assert.Equal(
            new T38Parameters
            {
                Version = 0,
                MaxBitRate = 14400,
                RateManagement = T38RateManagement.TransferredTcf,
                MaxBuffer = 1800,
                MaxDatagram = 1400,
                ErrorCorrection = T38ErrorCorrection.Redundancy,
            },
            answered);
        Assert.Equal(400, answer.T38!.RemoteMaxDatagram);
        Assert.Equal(2000, answer.T38.RemoteMaxBuffer);
        Assert.Equal("198.51.100.5", answer.T38.RemoteAddress);
    }

    [Theory]
    [InlineData(3, 2, 2)]
    [InlineData(0, 3, 0)]
    [InlineData(3, 3, 3)]
    public void T38_version_is_the_lower_of_both(int ours, int theirs, int agreed)
    {
        string offer = SdpSamples.AsteriskT38ReInvite.Replace("T38FaxVersion:0", $"T38FaxVersion:{theirs}", StringComparison.Ordinal);
        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(offer), Local with { T38 = new T38Preferences { Version = ours } });

        Assert.Equal(agreed, answer.T38!.Version);
        Assert.Equal(agreed, T38Parameters.FromAttributes(answer.Description.Media[0].Attributes).Version);
    }

    [Theory]
    [InlineData(true, T38ErrorCorrection.Fec)]
    [InlineData(false, T38ErrorCorrection.Redundancy)]
    public void Offered_fec_is_taken_or_falls_back_to_redundancy(bool acceptsFec, T38ErrorCorrection expected)
    {
        SdpAnswer answer = OfferAnswer.Answer(
            SessionDescription.Parse(SdpSamples.GatewayT38OfferLf), Local with { T38 = new T38Preferences { AcceptsFec = acceptsFec } });

        Assert.Equal(expected, answer.T38!.ErrorCorrection);
        Assert.Equal(9600, answer.T38.MaxBitRate);
        Assert.Equal("203.0.113.8", answer.T38.RemoteAddress);
        Assert.Equal(expected, T38Parameters.FromAttributes(answer.Description.Media[0].Attributes).ErrorCorrection);
    }

    [Theory]
    [InlineData(true, T38RateManagement.LocalTcf)]
    [InlineData(false, T38RateManagement.TransferredTcf)]
    public void Offered_local_tcf_is_taken_only_when_we_accept_it(bool acceptsLocalTcf, T38RateManagement expected)
    {
        string offer = SdpSamples.AsteriskT38ReInvite.Replace("transferredTCF", "localTCF", StringComparison.Ordinal);
        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(offer), Local with { T38 = new T38Preferences { AcceptsLocalTcf = acceptsLocalTcf } });

        Assert.Equal(expected, answer.T38!.RateManagement);
    }

    [Fact]
    public void A_bare_t38_offer_is_answered_with_no_error_correction_and_our_sizes()
    {
        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(SdpSamples.MinimalT38), Local);

        Assert.Equal(T38ErrorCorrection.None, answer.T38!.ErrorCorrection);
        Assert.Null(answer.T38.RemoteMaxDatagram);
        Assert.Contains(answer.Description.Media[0].Attributes, a => a.ToString() == "T38FaxMaxDatagram:400");
    }

    [Fact]
    public void Disabled_and_unsupported_streams_are_rejected_and_nothing_accepted_means_488()
    {
        const string offer =
            "v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nc=IN IP4 192.0.2.9\r\nt=0 0\r\n" +
            "m=image 0 udptl t38\r\nm=video 5000 RTP/AVP 96\r\nm=audio 5002 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\nm=audio 5004 RTP/SAVP 0\r\n";

        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(offer), Local);

        Assert.False(answer.HasAcceptedMedia);
        Assert.All(answer.Description.Media, m => Assert.Equal(0, m.Port));
        Assert.Equal(["image", "video", "audio", "audio"], answer.Description.Media.Select(m => m.MediaType));
        Assert.Equal(["udptl", "RTP/AVP", "RTP/AVP", "RTP/SAVP"], answer.Description.Media.Select(m => m.Proto));
        SessionDescription reread = SessionDescription.Parse(answer.Description.ToString());
        Assert.Equal(4, reread.Media.Count);
    }

    [Fact]
    public void Only_the_first_t38_stream_is_accepted()
    {
        string offer = SdpSamples.MinimalT38 + "m=image 6002 udptl t38\r\n";

        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(offer), Local);

        Assert.Equal([40002, 0], answer.Description.Media.Select(m => m.Port));
        Assert.Equal(6000, answer.T38!.RemotePort);
    }

    [Theory]
    [InlineData("sendonly", MediaDirection.RecvOnly)]
    [InlineData("recvonly", MediaDirection.SendOnly)]
    [InlineData("inactive", MediaDirection.Inactive)]
    public void The_answer_direction_mirrors_the_offer(string offered, MediaDirection answered)
    {
        string offer = SdpSamples.AsteriskAudioOffer.Replace("a=sendrecv", "a=" + offered, StringComparison.Ordinal);

        SdpAnswer answer = OfferAnswer.Answer(SessionDescription.Parse(offer), Local);

        Assert.Equal(answered, answer.Audio!.Direction);
        Assert.Equal(answered, answer.Description.DirectionOf(answer.Description.Media[0]));
    }

    [Fact]
    public void Reading_a_t38_answer_gives_what_configures_the_terminal()
    {
        SessionDescription offer = OfferAnswer.CreateT38Offer(Local with { T38 = new T38Preferences { Version = 2 } });
        SessionDescription answer = SessionDescription.Parse(SdpSamples.GatewayT38OfferLf);

        SdpNegotiation result = OfferAnswer.ReadAnswer(offer, answer, new T38Preferences { Version = 2 });

        Assert.Equal(NegotiationOutcome.Accepted, result.Outcome);
        Assert.Equal(
            new NegotiatedT38("203.0.113.8", 17142, 0)
            {
                MaxBitRate = 9600,
                RateManagement = T38RateManagement.TransferredTcf,
                ErrorCorrection = T38ErrorCorrection.Fec,
                RemoteMaxDatagram = 320,
                RemoteMaxBuffer = 200,
            },
            result.T38);
    }

    [Fact]
    public void An_answer_with_the_image_stream_at_port_zero_is_t38_refused()
    {
        SessionDescription offer = OfferAnswer.CreateT38Offer(Local);

        SdpNegotiation result = OfferAnswer.ReadAnswer(offer, SessionDescription.Parse(SdpSamples.CarrierT38Refused), T38Preferences.Default);

        Assert.Equal(NegotiationOutcome.T38Refused, result.Outcome);
        Assert.Null(result.T38);
    }

    [Fact]
    public void An_answer_that_puts_audio_where_we_offered_t38_is_t38_refused()
    {
        SessionDescription offer = OfferAnswer.CreateT38Offer(Local);

        SdpNegotiation result = OfferAnswer.ReadAnswer(offer, SessionDescription.Parse(SdpSamples.AsteriskAudioOffer), T38Preferences.Default);

        Assert.Equal(NegotiationOutcome.T38Refused, result.Outcome);
    }

    [Fact]
    public void An_answer_with_another_number_of_streams_is_invalid()
    {
        SessionDescription offer = OfferAnswer.CreateT38Offer(Local);

        SdpNegotiation result = OfferAnswer.ReadAnswer(offer, SessionDescription.Parse(SdpSamples.AtaAudioAndImageOffer), T38Preferences.Default);

        Assert.Equal(NegotiationOutcome.InvalidAnswer, result.Outcome);
    }

    [Fact]
    public void Reading_an_audio_answer_gives_the_codec_and_where_to_send()
    {
        SessionDescription offer = OfferAnswer.CreateAudioOffer(Local);
        SdpAnswer theirs = OfferAnswer.Answer(offer, new LocalMedia(SdpOrigin.For("198.51.100.1", 7, 7), "198.51.100.1") { AudioPort = 30000 });

        SdpNegotiation result = OfferAnswer.ReadAnswer(offer, SessionDescription.Parse(theirs.Description.ToBytes()), T38Preferences.Default);

        Assert.Equal(NegotiationOutcome.Accepted, result.Outcome);
        Assert.Equal(new NegotiatedAudio("198.51.100.1", 30000, 0, "PCMU") { TelephoneEventPayloadType = 101, RemotePtime = 20 }, result.Audio);
    }

    [Fact]
    public void Reading_an_answer_that_rejects_all_audio_is_no_common_media()
    {
        SessionDescription offer = OfferAnswer.CreateAudioOffer(Local);
        SessionDescription answer = SessionDescription.Parse("v=0\r\no=- 1 1 IN IP4 192.0.2.9\r\ns=-\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n");

        Assert.Equal(NegotiationOutcome.NoCommonMedia, OfferAnswer.ReadAnswer(offer, answer, T38Preferences.Default).Outcome);
    }

    [Fact]
    public void Two_faxgates_agree_on_t38_through_offer_and_answer()
    {
        var caller = Local with { T38 = new T38Preferences { Version = 1, MaxDatagram = 1400 } };
        var callee = new LocalMedia(SdpOrigin.For("2001:db8::5", 9, 1), "2001:db8::5") { UdptlPort = 50000, T38 = new T38Preferences { Version = 3, MaxDatagram = 600 } };

        SessionDescription offer = SessionDescription.Parse(OfferAnswer.CreateT38Offer(caller).ToBytes());
        SdpAnswer answer = OfferAnswer.Answer(offer, callee);
        SdpNegotiation read = OfferAnswer.ReadAnswer(offer, SessionDescription.Parse(answer.Description.ToBytes()), caller.T38);

        Assert.Equal(1400, answer.T38!.RemoteMaxDatagram);
        Assert.Equal(600, read.T38!.RemoteMaxDatagram);
        Assert.Equal(1, answer.T38.Version);
        Assert.Equal(1, read.T38.Version);
        Assert.Equal("2001:db8::5", read.T38.RemoteAddress);
        Assert.Contains("c=IN IP6 2001:db8::5\r\n", answer.Description.ToString(), StringComparison.Ordinal);
        Assert.Equal(T38ErrorCorrection.Redundancy, read.T38.ErrorCorrection);
    }

    private static string FirstMediaLine(SessionDescription sdp) =>
        sdp.ToString().Split("\r\n").First(l => l.StartsWith("m=", StringComparison.Ordinal));
}
