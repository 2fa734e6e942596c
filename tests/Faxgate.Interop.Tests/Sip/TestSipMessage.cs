using System.Globalization;
using System.Net;
using System.Text;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// A SIP request or response as the test peer sees it: a deliberately small, tolerant reader (start line, headers
/// by name case-insensitively with the compact forms, folded lines, body by Content-Length), written apart from
/// Faxgate's own SIP parser so that a mistake in one is not mirrored by the other.
/// </summary>
internal sealed class TestSipMessage
{
    private static readonly Dictionary<string, string> Compact = new(StringComparer.OrdinalIgnoreCase)
    {
        ["v"] = "Via",
        ["f"] = "From",
        ["t"] = "To",
        ["i"] = "Call-ID",
        ["m"] = "Contact",
        ["l"] = "Content-Length",
        ["c"] = "Content-Type",
        ["k"] = "Supported",
        ["s"] = "Subject",
        ["e"] = "Content-Encoding",
        ["x"] = "Session-Expires",
    };

    private TestSipMessage(string startLine, List<KeyValuePair<string, string>> headers, string body, byte[] raw)
    {
        StartLine = startLine;
        Headers = headers;
        Body = body;
        Raw = raw;
        string[] parts = startLine.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (startLine.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            StatusCode = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int status) ? status : 0;
            Reason = parts.Length > 2 ? parts[2] : string.Empty;
        }
        else
        {
            Method = parts.Length > 0 ? parts[0] : string.Empty;
            RequestUri = parts.Length > 1 ? parts[1] : string.Empty;
        }
    }

    public string StartLine { get; }

    /// <summary>Every header in order, each with its full name (compact forms expanded) and its unfolded value.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string Body { get; }

    public byte[] Raw { get; }

    /// <summary>Where a received message came from, or where a sent one went.</summary>
    public IPEndPoint? RemoteEndPoint { get; init; }

    /// <summary>When the peer sent or received it (wall clock).</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>The request method, or null for a response.</summary>
    public string? Method { get; }

    public string? RequestUri { get; }

    /// <summary>The status code, or 0 for a request.</summary>
    public int StatusCode { get; }

    public string? Reason { get; }

    public bool IsRequest => Method is not null;

    public string CallId => Header("Call-ID") ?? string.Empty;

    public int CSeq => int.Parse(CSeqParts[0], NumberStyles.None, CultureInfo.InvariantCulture);

    public string CSeqMethod => CSeqParts.Length > 1 ? CSeqParts[1] : string.Empty;

    public string? FromTag => TestSipText.Parameter(Header("From"), "tag");

    public string? ToTag => TestSipText.Parameter(Header("To"), "tag");

    /// <summary>The branch of the top Via.</summary>
    public string? Branch => TestSipText.Parameter(First("Via"), "branch");

    /// <summary>The URI of the first Contact, without angle brackets or header parameters.</summary>
    public string? ContactUri => First("Contact") is string contact ? TestSipText.Uri(contact) : null;

    /// <summary>The SDP body read by <see cref="TestSdp.Parse"/>, or null when there is no body.</summary>
    public TestSdp? Sdp => Body.Length == 0 ? null : TestSdp.Parse(Body);

    private string[] CSeqParts => (Header("CSeq") ?? "0").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first value of a header (full or compact name), or null.</summary>
    public string? Header(string name) => First(name);

    /// <summary>Every value of a header, comma-separated values split (outside quotes and angle brackets).</summary>
    public IReadOnlyList<string> HeaderValues(string name)
    {
        string full = Compact.TryGetValue(name, out string? expanded) ? expanded : name;
        return [.. Headers.Where(h => h.Key.Equals(full, StringComparison.OrdinalIgnoreCase)).SelectMany(h => TestSipText.SplitList(h.Key, h.Value))];
    }

    private string? First(string name) => HeaderValues(name) is [string first, ..] ? first : null;

    public override string ToString() => Encoding.UTF8.GetString(Raw);

    /// <summary>Reads one datagram; null when it does not look like SIP at all (no start line, no blank line).</summary>
    public static TestSipMessage? TryParse(byte[] datagram, IPEndPoint? remoteEndPoint = null, DateTimeOffset at = default)
    {
        ArgumentNullException.ThrowIfNull(datagram);
        string text = Encoding.UTF8.GetString(datagram);
        int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        int separator = 4;
        if (end < 0)
        {
            end = text.IndexOf("\n\n", StringComparison.Ordinal);
            separator = 2;
        }

        if (end < 0)
        {
            return null;
        }

        string[] lines = text[..end].Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        string startLine = lines[0].Trim();
        if (startLine.Length == 0 || !startLine.Contains("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (string line in lines.Skip(1))
        {
            if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && headers.Count > 0)
            {
                KeyValuePair<string, string> last = headers[^1];
                headers[^1] = new(last.Key, $"{last.Value} {line.Trim()}");
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            string name = line[..colon].Trim();
            headers.Add(new(Compact.TryGetValue(name, out string? full) ? full : name, line[(colon + 1)..].Trim()));
        }

        string body = text[(end + separator)..];
        string? declared = headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value;
        if (int.TryParse(declared, NumberStyles.None, CultureInfo.InvariantCulture, out int length) && length <= body.Length)
        {
            body = body[..length];
        }

        return new TestSipMessage(startLine, headers, body, datagram) { RemoteEndPoint = remoteEndPoint, At = at };
    }
}
