namespace Faxgate.Sip.Sdp;

/// <summary>The o= line (RFC 4566 5.2): who made the description, and which version of the session it is.</summary>
public sealed record SdpOrigin(string Username, ulong SessionId, ulong SessionVersion, string NetworkType, string AddressType, string Address)
{
    /// <summary>An IN IP4 (or IP6, for an address with a colon) origin.</summary>
    public static SdpOrigin For(string address, ulong sessionId, ulong sessionVersion, string username = "faxgate") =>
        new(username, sessionId, sessionVersion, "IN", SdpConnection.AddressTypeOf(address), address);

    /// <summary>The origin of the next offer or answer in the same session (RFC 3264 8: the version goes up by one).</summary>
    public SdpOrigin Next() => this with { SessionVersion = SessionVersion + 1 };

    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}
