namespace Faxgate.Sip.Sdp;

/// <summary>Our answer to a far end's offer, and what it agreed. With no stream accepted, send 488 instead.</summary>
public sealed record SdpAnswer(SessionDescription Description, NegotiatedAudio? Audio, NegotiatedT38? T38)
{
    public bool HasAcceptedMedia => Audio is not null || T38 is not null;
}
