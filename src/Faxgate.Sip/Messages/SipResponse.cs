namespace Faxgate.Sip.Messages;

/// <summary>A SIP response: SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 section 7.2).</summary>
public sealed class SipResponse : SipMessage
{
    public SipResponse(int statusCode, string reasonPhrase, SipHeaders headers, ReadOnlyMemory<byte> body = default, string version = SipRequest.SipVersion)
        : base(version, headers, body)
    {
        ArgumentNullException.ThrowIfNull(reasonPhrase);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        if (reasonPhrase.Contains('\r') || reasonPhrase.Contains('\n'))
        {
            throw new ArgumentException("a reason phrase is one line", nameof(reasonPhrase));
        }

        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    internal SipResponse(int statusCode, string reasonPhrase, string version, SipHeaders headers, ReadOnlyMemory<byte> body, SipHeaderFields fields)
        : base(version, headers, body, fields)
    {
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
    }

    public int StatusCode { get; }

    /// <summary>The Reason-Phrase, possibly empty (RFC 4475 section 3.1.1.13).</summary>
    public string ReasonPhrase { get; }

    public bool IsProvisional => StatusCode < 200;

    /// <summary>
    /// A response to <paramref name="request"/> as RFC 3261 section 8.2.6.2 builds it: the Via lines, From, To (with
    /// <paramref name="toTag"/> added when the To has no tag yet), Call-ID and CSeq copied; no body.
    /// </summary>
    public static SipResponse For(SipRequest request, int status, string? reason = null, string? toTag = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = new List<SipHeader>();
        foreach (SipHeader header in request.Headers)
        {
            switch (header.Name)
            {
                case SipHeaderNames.Via:
                case SipHeaderNames.From:
                case SipHeaderNames.CallId:
                case SipHeaderNames.CSeq:
                    headers.Add(header);
                    break;
                case SipHeaderNames.To:
                    headers.Add(toTag is not null && request.To is { Tag: null } to ? new SipHeader(SipHeaderNames.To, to.WithTag(toTag).ToString()) : header);
                    break;
                default:
                    break;
            }
        }

        return new SipResponse(status, reason ?? SipReasonPhrases.For(status), new SipHeaders(headers));
    }

    private protected override bool StartLineEquals(SipMessage other) =>
        other is SipResponse response && StatusCode == response.StatusCode && ReasonPhrase == response.ReasonPhrase;
}
