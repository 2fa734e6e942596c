using System.Globalization;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>The pieces our messages are made of: Via, Contact, tags, responses, and where a URI is sent.</summary>
public sealed partial class SipUserAgent
{
    private const string SdpType = "application/sdp";

    /// <summary>The listener to name in Via/Contact for a message to <paramref name="destination"/>.</summary>
    public SipEndPoint LocalFor(SipEndPoint destination)
    {
        foreach (SipEndPoint local in Options.LocalEndPoints)
        {
            if (local.IsLike(destination))
            {
                return local;
            }
        }

        foreach (SipEndPoint local in Options.LocalEndPoints)
        {
            if (local.Transport == destination.Transport)
            {
                return local;
            }
        }

        return Options.LocalEndPoints[0];
    }

    /// <summary>
    /// Where a request to <paramref name="uri"/> goes (RFC 3263 without DNS SRV/NAPTR): the URI's host and port
    /// (5060, or 5061 for sips/TLS), over its transport parameter (UDP unless it says otherwise or is sips).
    /// </summary>
    public SipEndPoint? Resolve(SipUri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        SipTransportKind kind = uri.Scheme == "sips" ? SipTransportKind.Tls : (uri.Transport?.ToLowerInvariant()) switch
        {
            "tcp" => SipTransportKind.Tcp,
            "tls" => SipTransportKind.Tls,
            _ => SipTransportKind.Udp,
        };
        string host = uri.Maddr ?? uri.Host;
        int port = uri.Port ?? (kind == SipTransportKind.Tls ? 5061 : 5060);
        return SipEndPoint.TryFromLiteral(kind, host, port, out SipEndPoint literal) ? literal : Options.ResolveHost?.Invoke(kind, host, port);
    }

    internal static string HostOf(SipEndPoint local) => local.HostText;

    /// <summary>A Via for a new client transaction (the table stamps the branch); rport asks for RFC 3581 symmetric responses.</summary>
    private static string NewVia(SipEndPoint local) =>
        string.Create(CultureInfo.InvariantCulture, $"SIP/2.0/{local.ViaTransport} {HostOf(local)}:{local.Address.Port};branch=z9hG4bKpending;rport");

    private string NewTag()
    {
        string id = _newId();
        return id[..Math.Min(16, id.Length)];
    }

    /// <summary>Our Contact for a dialog with a peer reached over <paramref name="destination"/>'s transport.</summary>
    private string Contact(string? user, SipEndPoint destination)
    {
        SipEndPoint local = LocalFor(destination);
        string transport = local.Transport == SipTransportKind.Udp ? "" : $";transport={local.ViaTransport.ToLowerInvariant()}";
        // The user comes from the far end's Request-URI: only a plain user part is echoed (RFC 3261 25.1 user chars).
        string userPart = string.IsNullOrEmpty(user) || user.Length > 64 || !user.All(IsUserCharacter) ? "" : $"{user}@";
        return string.Create(CultureInfo.InvariantCulture, $"<sip:{userPart}{HostOf(local)}:{local.Address.Port}{transport}>");
    }

    private static bool IsUserCharacter(char c) => char.IsAsciiLetterOrDigit(c) || "-_.!~*'()&=+$,;?/".Contains(c, StringComparison.Ordinal);

    private SipResponse Response(SipRequest request, int status, string? reason = null, string? toTag = null)
    {
        SipResponse response = SipResponse.For(request, status, reason, toTag);
        return WithHeader(response, SipHeaderNames.Server, Options.Product);
    }

    private static SipResponse WithHeader(SipResponse response, string name, string value) =>
        new(response.StatusCode, response.ReasonPhrase, response.Headers.Add(name, value), response.Body);

    private static SipResponse WithBody(SipResponse response, SessionDescription description) =>
        new(response.StatusCode, response.ReasonPhrase, response.Headers.With(SipHeaderNames.ContentType, SdpType), description.ToBytes());

    private static SipResponse Capabilities(SipResponse response) =>
        WithHeader(
            WithHeader(WithHeader(response, SipHeaderNames.Allow, string.Join(", ", UserAgentOptions.AllowedMethods)), SipHeaderNames.Accept, SdpType),
            SipHeaderNames.Supported,
            string.Join(", ", UserAgentOptions.SupportedOptions));

    /// <summary>The SDP in a message, or null when it has none (or one that does not parse).</summary>
    private static SessionDescription? SdpOf(SipMessage message)
    {
        if (message.Body.IsEmpty || (message.ContentType is { } type && !type.StartsWith(SdpType, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return SessionDescription.TryParse(message.Body.Span, out SessionDescription? description, out _) ? description : null;
    }

    /// <summary>Headers of an in-dialog request: Via, Max-Forwards, Contact, User-Agent.</summary>
    private List<(string Name, string Value)> DialogHeaders(SipCall call, bool contact = true)
    {
        SipEndPoint local = LocalFor(call.Peer);
        var headers = new List<(string, string)> { (SipHeaderNames.Via, NewVia(local)), (SipHeaderNames.MaxForwards, "70") };
        if (contact)
        {
            headers.Add((SipHeaderNames.Contact, Contact(call.Dialog?.Local.Uri.User, call.Peer)));
        }

        headers.Add((SipHeaderNames.UserAgent, Options.Product));
        return headers;
    }

    /// <summary>
    /// Where an in-dialog request goes. Over TCP/TLS: back on the connection the call uses (the far end may not accept
    /// connections at its Contact, a TLS client never does). Over UDP: the first route or the target, resolved; the
    /// call's peer when that fails.
    /// </summary>
    private SipEndPoint DialogDestination(SipCall call, SipRequest request)
    {
        if (call.Peer.IsReliable)
        {
            return call.Peer;
        }

        return Resolve(Dialogs.Dialog.NextHop(request)) ?? call.Peer;
    }

    private static SipRequest WithBody(SipRequest request, SessionDescription description) =>
        new(request.Method, request.RequestUri, request.Headers.With(SipHeaderNames.ContentType, SdpType), description.ToBytes());
}
