namespace Faxgate.Sip.Sdp;

/// <summary>The result of reading a far end's answer to our offer.</summary>
public sealed record SdpNegotiation(NegotiationOutcome Outcome, NegotiatedAudio? Audio = null, NegotiatedT38? T38 = null);
