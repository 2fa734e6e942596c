namespace Faxgate.Sip.Sdp;

/// <summary>What we can put in an offer or answer: our origin and address, the ports we have, our T.38 preferences.</summary>
public sealed record LocalMedia(SdpOrigin Origin, string Address)
{
    /// <summary>Our RTP port; null when we take no audio (its stream is then rejected).</summary>
    public int? AudioPort { get; init; }

    /// <summary>Our UDPTL port; null when we take no T.38.</summary>
    public int? UdptlPort { get; init; }

    public T38Preferences T38 { get; init; } = T38Preferences.Default;

    /// <summary>The dynamic payload type we offer for telephone-event.</summary>
    public int TelephoneEventPayloadType { get; init; } = 101;

    /// <summary>The a=ptime we state for audio, in milliseconds.</summary>
    public int Ptime { get; init; } = 20;
}
