using System.Net;

namespace Faxgate.Server.Calls;

/// <summary>
/// Faxgate's SIP firewall: which trunk a SIP message from a source address belongs to, by the trunks' AllowFrom
/// lists. A message no trunk allows is refused (403, logged). When several trunks allow the address, the most specific
/// entry wins (the longest prefix), then the first trunk by name. The embedded default, with no trunk configured at all,
/// allows 127.0.0.1 and ::1 (no trunk), so a fresh install can be tried on one machine and is closed to the network.
/// </summary>
public sealed class SourcePolicy
{
    private static readonly AddressRange[] Loopback = [AddressRange.ForAddress(IPAddress.Loopback), AddressRange.ForAddress(IPAddress.IPv6Loopback)];

    private readonly (string Trunk, AddressRange Range)[] _entries;
    private readonly bool _embeddedDefault;

    /// <summary>Builds the policy from each trunk's allowed ranges (a trunk with none receives nothing).</summary>
    public SourcePolicy(IReadOnlyDictionary<string, IReadOnlyList<AddressRange>> allowFromByTrunk)
    {
        ArgumentNullException.ThrowIfNull(allowFromByTrunk);
        _embeddedDefault = allowFromByTrunk.Count == 0;
        _entries = [.. allowFromByTrunk
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .SelectMany(t => t.Value.Select(range => (t.Key, range)))];
    }

    /// <summary>True when no trunk is configured and only loopback is allowed.</summary>
    public bool IsEmbeddedDefault => _embeddedDefault;

    /// <summary>
    /// True when SIP from <paramref name="source"/> is allowed, with the trunk it belongs to (null under the embedded
    /// default); false when it must be refused.
    /// </summary>
    public bool TryMatch(IPAddress source, out string? trunkName)
    {
        ArgumentNullException.ThrowIfNull(source);
        trunkName = null;
        if (_embeddedDefault)
        {
            return Loopback.Any(range => range.Contains(source));
        }

        int best = -1;
        foreach ((string trunk, AddressRange range) in _entries)
        {
            if (range.PrefixLength > best && range.Contains(source))
            {
                best = range.PrefixLength;
                trunkName = trunk;
            }
        }

        return best >= 0;
    }
}
