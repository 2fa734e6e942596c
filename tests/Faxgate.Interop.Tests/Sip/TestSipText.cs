using System.Globalization;
using System.Net;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>The few pieces of SIP header text the test peer needs: parameters, URIs, list splitting, random tokens.</summary>
internal static class TestSipText
{
    private static readonly HashSet<string> Lists = new(StringComparer.OrdinalIgnoreCase)
    {
        "Via", "Contact", "Route", "Record-Route", "Allow", "Supported", "Require", "Accept",
    };

    /// <summary>A random token for tags, branches and Call-IDs.</summary>
    public static string Token() => Guid.NewGuid().ToString("N")[..16];

    /// <summary>Splits a list header's value at commas outside quotes and angle brackets; other headers stay whole.</summary>
    public static IEnumerable<string> SplitList(string name, string value)
    {
        if (!Lists.Contains(name))
        {
            yield return value;
            yield break;
        }

        int start = 0;
        bool quoted = false;
        int angle = 0;
        for (int i = 0; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '"':
                    quoted = !quoted;
                    break;
                case '<' when !quoted:
                    angle++;
                    break;
                case '>' when !quoted:
                    angle--;
                    break;
                case ',' when !quoted && angle == 0:
                    yield return value[start..i].Trim();
                    start = i + 1;
                    break;
            }
        }

        yield return value[start..].Trim();
    }

    /// <summary>A header parameter (after the URI's closing bracket if any), e.g. the tag of From; null when absent.</summary>
    public static string? Parameter(string? value, string name)
    {
        if (value is null)
        {
            return null;
        }

        int close = value.LastIndexOf('>');
        string parameters = close >= 0 ? value[(close + 1)..] : value;
        foreach (string part in parameters.Split(';').Skip(1))
        {
            string[] pair = part.Split('=', 2);
            if (pair[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return pair.Length > 1 ? pair[1].Trim() : string.Empty;
            }
        }

        return null;
    }

    /// <summary>The URI in a name-addr (<c>"x" &lt;sip:a@b&gt;;tag=1</c>) or addr-spec (<c>sip:a@b;tag=1</c>) value.</summary>
    public static string Uri(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        int open = value.IndexOf('<', StringComparison.Ordinal);
        if (open >= 0)
        {
            int close = value.IndexOf('>', open);
            return value[(open + 1)..(close < 0 ? value.Length : close)].Trim();
        }

        int semicolon = value.IndexOf(';', StringComparison.Ordinal);
        return (semicolon < 0 ? value : value[..semicolon]).Trim();
    }

    /// <summary>Where a SIP URI points: its IPv4 host and port (5060 when none); names are not resolved.</summary>
    public static IPEndPoint EndPoint(string uri)
    {
        string hostPort = Uri(uri);
        int colon = hostPort.IndexOf(':', StringComparison.Ordinal);
        hostPort = hostPort[(colon + 1)..];
        int at = hostPort.LastIndexOf('@');
        hostPort = hostPort[(at + 1)..];
        int end = hostPort.IndexOfAny([';', '?']);
        hostPort = end < 0 ? hostPort : hostPort[..end];
        string[] parts = hostPort.Split(':');
        int port = parts.Length > 1 ? int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : 5060;
        return new IPEndPoint(IPAddress.Parse(parts[0]), port);
    }
}
