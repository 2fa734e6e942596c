namespace Faxgate.Sip.Tests.Sdp;

/// <summary>
/// Session descriptions in the style of what carriers, ATAs, Asterisk and FreeSWITCH send (written for these tests;
/// the addresses are the documentation ranges of RFC 5737).
/// </summary>
internal static class SdpSamples
{
    public const string AsteriskAudioOffer =
        "v=0\r\n" +
        "o=- 1234567 1234567 IN IP4 192.0.2.10\r\n" +
        "s=Asterisk\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=audio 10000 RTP/AVP 0 8 3 101\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:3 GSM/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=maxptime:150\r\n" +
        "a=sendrecv\r\n";

    public const string AsteriskT38ReInvite =
        "v=0\r\n" +
        "o=- 1234567 1234568 IN IP4 192.0.2.10\r\n" +
        "s=Asterisk\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n" +
        "m=image 4000 udptl t38\r\n" +
        "a=T38FaxVersion:0\r\n" +
        "a=T38MaxBitRate:14400\r\n" +
        "a=T38FaxRateManagement:transferredTCF\r\n" +
        "a=T38FaxMaxDatagram:400\r\n" +
        "a=T38FaxUdpEC:t38UDPRedundancy\r\n";

    public const string FreeSwitchT38Offer =
        "v=0\r\n" +
        "o=FreeSWITCH 1700000000 1700000001 IN IP4 198.51.100.5\r\n" +
        "s=FreeSWITCH\r\n" +
        "c=IN IP4 198.51.100.5\r\n" +
        "t=0 0\r\n" +
        "m=image 22000 udptl t38\r\n" +
        "a=T38FaxVersion:0\r\n" +
        "a=T38MaxBitRate:14400\r\n" +
        "a=T38FaxFillBitRemoval\r\n" +
        "a=T38FaxTranscodingMMR\r\n" +
        "a=T38FaxTranscodingJBIG\r\n" +
        "a=T38FaxRateManagement:transferredTCF\r\n" +
        "a=T38FaxMaxBuffer:2000\r\n" +
        "a=T38FaxMaxDatagram:400\r\n" +
        "a=T38FaxUdpEC:t38UDPRedundancy\r\n";

    /// <summary>A PSTN gateway: LF-only line ends, UDPTL in capitals, media-level c=, flags as ":0", FEC, 9600 bit/s.</summary>
    public const string GatewayT38OfferLf =
        "v=0\n" +
        "o=SIP-GW-UserAgent 2020 9921 IN IP4 203.0.113.7\n" +
        "s=SIP Call\n" +
        "c=IN IP4 203.0.113.7\n" +
        "t=0 0\n" +
        "m=image 17142 UDPTL t38\n" +
        "c=IN IP4 203.0.113.8\n" +
        "a=T38FaxVersion:0\n" +
        "a=T38MaxBitRate:9600\n" +
        "a=T38FaxFillBitRemoval:0\n" +
        "a=T38FaxTranscodingMMR:0\n" +
        "a=T38FaxTranscodingJBIG:0\n" +
        "a=T38FaxRateManagement:transferredTCF\n" +
        "a=T38FaxMaxBuffer:200\n" +
        "a=T38FaxMaxDatagram:320\n" +
        "a=T38FaxUdpEC:t38UDPFEC\n";

    /// <summary>An ATA offering audio and image together, with lower-case names and spaces in the numbers.</summary>
    public const string AtaAudioAndImageOffer =
        "v=0\r\n" +
        "o=user 8000 8000 IN IP4 192.0.2.77\r\n" +
        "s=SIP Call\r\n" +
        "c=IN IP4 192.0.2.77\r\n" +
        "t=0 0\r\n" +
        "m=audio 5004 RTP/AVP 8 0 18 101\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:18 G729/8000\r\n" +
        "a=fmtp:18 annexb=no\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\n" +
        "a=sendrecv\r\n" +
        "m=image 5006 udptl t38\r\n" +
        "a=t38faxversion:3\r\n" +
        "a=T38MaxBitRate: 14400\r\n" +
        "a=t38faxratemanagement:TransferredTCF\r\n" +
        "a=T38FaxMaxDatagram: 512 \r\n" +
        "a=T38FaxUdpEC:T38UDPRedundancy\r\n";

    /// <summary>A carrier's answer that refuses the T.38 stream of an offer with one m= line.</summary>
    public const string CarrierT38Refused =
        "v=0\r\n" +
        "o=- 3900000000 3900000001 IN IP4 198.51.100.20\r\n" +
        "s=-\r\n" +
        "c=IN IP4 198.51.100.20\r\n" +
        "t=0 0\r\n" +
        "m=image 0 udptl t38\r\n";

    /// <summary>A bare T.38 stream without any optional attribute.</summary>
    public const string MinimalT38 =
        "v=0\r\n" +
        "o=- 1 1 IN IP4 192.0.2.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.1\r\n" +
        "t=0 0\r\n" +
        "m=image 6000 udptl t38\r\n";

    public static readonly string[] All =
        [AsteriskAudioOffer, AsteriskT38ReInvite, FreeSwitchT38Offer, GatewayT38OfferLf, AtaAudioAndImageOffer, CarrierT38Refused, MinimalT38];
}
