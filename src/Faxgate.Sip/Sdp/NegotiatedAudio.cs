namespace Faxgate.Sip.Sdp;

/// <summary>An agreed audio stream: where to send RTP, which codec, and DTMF events if both sides have them.</summary>
public sealed record NegotiatedAudio(string RemoteAddress, int RemotePort, int PayloadType, string Encoding)
{
    /// <summary>The telephone-event payload type (RFC 4733), when agreed.</summary>
    public int? TelephoneEventPayloadType { get; init; }

    /// <summary>The far end's a=ptime in milliseconds, when given.</summary>
    public int? RemotePtime { get; init; }

    /// <summary>The direction from our side.</summary>
    public MediaDirection Direction { get; init; }
}
