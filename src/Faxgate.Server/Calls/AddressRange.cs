using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Faxgate.Server.Calls;

/// <summary>
/// An IP address or a CIDR block, IPv4 or IPv6 (<c>192.0.2.10</c>, <c>192.0.2.0/24</c>, <c>2001:db8::/32</c>).
/// IPv4-mapped IPv6 addresses (<c>::ffff:192.0.2.10</c>) are treated as the IPv4 address they carry, in the entry and
/// in the addresses matched against it. Host bits below the prefix are ignored (192.0.2.10/24 is 192.0.2.0/24).
/// </summary>
public sealed class AddressRange
{
    private readonly byte[] _network;

    private AddressRange(IPAddress network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
        _network = network.GetAddressBytes();
    }

    public IPAddress Network { get; }

    public int PrefixLength { get; }

    public override string ToString() => $"{Network}/{PrefixLength}";

    /// <summary>A range holding just <paramref name="address"/>.</summary>
    public static AddressRange ForAddress(IPAddress address)
    {
        IPAddress normal = Normalise(address);
        return new AddressRange(normal, normal.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out AddressRange? range, [NotNullWhen(false)] out string? error)
    {
        range = null;
        string value = text?.Trim() ?? "";
        int slash = value.IndexOf('/', StringComparison.Ordinal);
        string host = slash < 0 ? value : value[..slash];
        if (host.Length == 0 || !IPAddress.TryParse(host, out IPAddress? address) || host.Contains('%', StringComparison.Ordinal))
        {
            error = "write an IP address or a CIDR block, e.g. 192.0.2.10, 192.0.2.0/24 or 2001:db8::/32";
            return false;
        }

        bool mapped = address.IsIPv4MappedToIPv6;
        address = Normalise(address);
        int bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int prefix = bits;
        if (slash >= 0)
        {
            if (!int.TryParse(value[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > (mapped ? 128 : bits))
            {
                error = $"the prefix length must be 0-{(mapped ? 128 : bits)}";
                return false;
            }

            if (mapped)
            {
                if (prefix < 96)
                {
                    error = "an IPv4-mapped block needs a prefix length of at least 96";
                    return false;
                }

                prefix -= 96;
            }
        }

        range = new AddressRange(Mask(address, prefix), prefix);
        error = null;
        return true;
    }

    /// <summary>True when <paramref name="address"/> (IPv4-mapped or not) lies in this range.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        IPAddress normal = Normalise(address);
        if (normal.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        byte[] bytes = normal.GetAddressBytes();
        int whole = PrefixLength / 8;
        if (!bytes.AsSpan(0, whole).SequenceEqual(_network.AsSpan(0, whole)))
        {
            return false;
        }

        int rest = PrefixLength % 8;
        return rest == 0 || ((bytes[whole] ^ _network[whole]) & (0xFF << (8 - rest)) & 0xFF) == 0;
    }

    /// <summary>The IPv4 address inside an IPv4-mapped IPv6 one, and any IPv6 address without its scope.</summary>
    public static IPAddress Normalise(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0 ? new IPAddress(address.GetAddressBytes()) : address;
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        byte[] bytes = address.GetAddressBytes();
        for (int i = 0; i < bytes.Length; i++)
        {
            int keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPAddress(bytes);
    }
}
