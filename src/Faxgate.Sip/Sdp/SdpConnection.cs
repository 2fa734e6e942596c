namespace Faxgate.Sip.Sdp;

/// <summary>A c= line (RFC 4566 5.7): where the media goes. The address keeps any /ttl suffix as sent.</summary>
public sealed record SdpConnection(string NetworkType, string AddressType, string Address)
{
    /// <summary>An IN connection for an IPv4 or (with a colon) IPv6 address.</summary>
    public static SdpConnection For(string address) => new("IN", AddressTypeOf(address), address);

    /// <summary>The address without a multicast /ttl or /count suffix.</summary>
    public string Host => Address.Split('/')[0];

    internal static string AddressTypeOf(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return address.Contains(':', StringComparison.Ordinal) ? "IP6" : "IP4";
    }

    public override string ToString() => $"{NetworkType} {AddressType} {Address}";
}
