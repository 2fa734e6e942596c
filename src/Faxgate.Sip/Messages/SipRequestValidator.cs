namespace Faxgate.Sip.Messages;

/// <summary>
/// The checks a UAS makes on a request that parsed (RFC 3261 section 8.2, and the semantic cases of RFC 4475):
/// null when the request may be processed, otherwise the status code and reason to answer with.
/// </summary>
public static class SipRequestValidator
{
    // Max-Forwards is not among them: a UAS accepts RFC 2543 requests without it (RFC 4475 section 3.4.1).
    private static readonly string[] Mandatory =
        [SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CallId, SipHeaderNames.CSeq, SipHeaderNames.Via];

    /// <param name="request">The parsed request.</param>
    /// <param name="supportedOptionTags">Option tags Faxgate supports; a Require naming any other gets 420.</param>
    /// <param name="knownMethods">When given, a method outside it gets 501 (RFC 3261 section 8.2.1; RFC 4475 3.1.1.2, 3.1.2.18).</param>
    public static SipRejection? Check(
        SipRequest request, IReadOnlyCollection<string>? supportedOptionTags = null, IReadOnlyCollection<string>? knownMethods = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Version != SipRequest.SipVersion)
        {
            return new SipRejection(505, "Version Not Supported"); // RFC 4475 3.1.2.16
        }

        foreach (string name in Mandatory)
        {
            if (!request.Headers.Contains(name))
            {
                return new SipRejection(400, $"Missing {name}"); // RFC 4475 3.3.1
            }
        }

        if (knownMethods is not null && !knownMethods.Contains(request.Method, StringComparer.Ordinal))
        {
            return new SipRejection(501, "Not Implemented");
        }

        if (!string.Equals(request.CSeq!.Method, request.Method, StringComparison.Ordinal))
        {
            return new SipRejection(400, "CSeq Method Mismatch"); // RFC 4475 3.1.2.17, 3.1.2.18
        }

        if (request.ContentLength is { } length && length != request.Body.Length)
        {
            return new SipRejection(400, "Content-Length Mismatch");
        }

        if (!request.RequestUri.IsSip && !request.RequestUri.IsTel)
        {
            return new SipRejection(416, "Unsupported URI Scheme"); // RFC 4475 3.3.2, 3.3.3
        }

        if (request.Headers.Get(SipHeaderNames.Date) is { } date && !IsRfc1123Date(date))
        {
            return new SipRejection(400, "Bad Date"); // RFC 4475 3.1.2.12
        }

        if (request.TopVia?.Branch == "z9hG4bK")
        {
            return new SipRejection(400, "Bad Via Branch"); // RFC 4475 3.2.1
        }

        if (request.Method is not ("ACK" or "CANCEL"))
        {
            string[] unsupported = [.. request.Headers.GetAll(SipHeaderNames.Require)
                .SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                .Where(tag => supportedOptionTags?.Contains(tag, StringComparer.OrdinalIgnoreCase) != true)];
            if (unsupported.Length > 0)
            {
                return new SipRejection(420, "Bad Extension") { Unsupported = unsupported }; // RFC 4475 3.3.5
            }
        }

        return null;
    }

    /// <summary>rfc1123-date = wkday "," SP date1 SP time SP "GMT" (RFC 3261 section 25.1: the zone is GMT only).</summary>
    private static bool IsRfc1123Date(string text)
    {
        ReadOnlySpan<char> s = text;
        string[] days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
        string[] months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        return s.Length == 29
            && days.Contains(s[..3].ToString()) && s[3] == ',' && s[4] == ' '
            && SipSyntax.IsDigits(s[5..7]) && s[7] == ' ' && months.Contains(s[8..11].ToString()) && s[11] == ' '
            && SipSyntax.IsDigits(s[12..16]) && s[16] == ' '
            && SipSyntax.IsDigits(s[17..19]) && s[19] == ':' && SipSyntax.IsDigits(s[20..22]) && s[22] == ':' && SipSyntax.IsDigits(s[23..25])
            && s[25..].SequenceEqual(" GMT");
    }
}
