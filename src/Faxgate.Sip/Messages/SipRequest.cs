namespace Faxgate.Sip.Messages;

/// <summary>A SIP request: Method SP Request-URI SP SIP-Version (RFC 3261 section 7.1).</summary>
public sealed class SipRequest : SipMessage
{
    public SipRequest(string method, SipUri requestUri, SipHeaders headers, ReadOnlyMemory<byte> body = default, string version = SipVersion)
        : base(version, headers, body)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(requestUri);
        if (!SipSyntax.IsToken(method))
        {
            throw new ArgumentException($"not a method: '{method}'", nameof(method));
        }

        Method = method;
        RequestUri = requestUri;
    }

    internal SipRequest(string method, SipUri requestUri, string version, SipHeaders headers, ReadOnlyMemory<byte> body, SipHeaderFields fields)
        : base(version, headers, body, fields)
    {
        Method = method;
        RequestUri = requestUri;
    }

    public const string SipVersion = "SIP/2.0";

    /// <summary>The method token, case-sensitive (RFC 3261 section 7.1).</summary>
    public string Method { get; }

    public SipUri RequestUri { get; }

    private protected override bool StartLineEquals(SipMessage other) =>
        other is SipRequest request && Method == request.Method && RequestUri.Equals(request.RequestUri);
}
