using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>
/// The 400 for a request that does not parse (RFC 3261 8.2.1 and 21.4.1, RFC 4475 3.1.2): the Via, From, To, Call-ID
/// and CSeq lines are copied as they came, unchecked, so the sender can match the answer. Null when the message is a
/// response (never answered) or has no Via line (nowhere to send the answer).
/// </summary>
public static class SipBadRequest
{
    /// <summary>How much of the message is scanned for the lines to copy.</summary>
    public const int MaxScan = 16 * 1024;

    /// <summary>Each copied line is cut to this many characters.</summary>
    public const int MaxLine = 1024;

    /// <summary>The lines a 400 copies by default.</summary>
    public static IReadOnlyList<string> Lines { get; } = [SipHeaderNames.Via, SipHeaderNames.From, SipHeaderNames.To, SipHeaderNames.CallId, SipHeaderNames.CSeq];

    /// <param name="data">The message as it came.</param>
    /// <param name="reason">Why it did not parse (goes into a Warning header).</param>
    /// <param name="copied">Which lines to copy (<see cref="Lines"/>, or fewer when one of them is the broken one); each but Via at most once.</param>
    public static byte[]? For(ReadOnlySpan<byte> data, string reason, IReadOnlyCollection<string> copied)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(copied);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string text = Encoding.Latin1.GetString(data[..Math.Min(data.Length, MaxScan)]);
        string[] lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase) || !lines[0].Contains(" SIP/", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var answer = new StringBuilder("SIP/2.0 400 Bad Request\r\n");
        bool via = false;
        for (int i = 1; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0)
            {
                break;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(line[0]))
            {
                continue;
            }

            string name = SipHeaderNames.Canonicalize(line[..colon].Trim());
            if (!copied.Contains(name, StringComparer.Ordinal) || (name != SipHeaderNames.Via && !seen.Add(name)))
            {
                continue;
            }

            string value = line[(colon + 1)..].Trim();
            if (value.Length > MaxLine || value.Any(c => c < ' ' && c != '\t'))
            {
                continue;
            }

            via |= name == SipHeaderNames.Via;
            answer.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!via)
        {
            return null;
        }

        string phrase = new(reason.Where(c => c >= ' ' && c <= '~').Take(100).ToArray());
        answer.Append(SipHeaderNames.Warning).Append(": 399 faxgate \"").Append(phrase.Replace('"', '\'')).Append("\"\r\n");
        answer.Append("Content-Length: 0\r\n\r\n");
        return Encoding.Latin1.GetBytes(answer.ToString());
    }
}
