namespace Faxgate.Sip.Transport;

/// <summary>Something that arrived on a transport: from whom (<paramref name="Source"/>) and on which local listener or connection (<paramref name="Local"/>).</summary>
public abstract record SipTransportEvent(SipEndPoint Source, SipEndPoint Local);
