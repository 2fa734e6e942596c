using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 section 19.1), a tel URI (RFC 3966), or an absolute URI of another scheme kept as its
/// opaque text. User, password, parameters and headers hold their unescaped values.
/// </summary>
public sealed record SipUri
{
    public SipUri(string scheme, string? user, string host, int? port = null, SipParameterList? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentNullException.ThrowIfNull(host);
        Scheme = scheme.ToLowerInvariant();
        User = user;
        Host = host;
        HostKind = SipUriReader.KindOf(host);
        Port = port;
        Parameters = parameters ?? SipParameterList.Empty;
    }

    /// <summary>"sip", "sips", "tel", or another scheme (then only <see cref="Opaque"/> is set).</summary>
    public string Scheme { get; init; }

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>Host name, dotted IPv4 address, or bracketed IPv6 reference; empty for tel and other schemes.</summary>
    public string Host { get; init; }

    public SipHostKind HostKind { get; init; }

    public int? Port { get; init; }

    public SipParameterList Parameters { get; init; }

    public SipParameterList Headers { get; init; } = SipParameterList.Empty;

    /// <summary>Everything after "scheme:" for schemes other than sip, sips and tel.</summary>
    public string? Opaque { get; init; }

    public bool IsSip => Scheme is "sip" or "sips";

    public bool IsTel => Scheme == "tel";

    public string? Transport => Parameters.Get("transport");

    public string? UserParameter => Parameters.Get("user");

    public string? Maddr => Parameters.Get("maddr");

    public string? Method => Parameters.Get("method");

    public int? Ttl => int.TryParse(Parameters.Get("ttl"), out int ttl) ? ttl : null;

    /// <summary>The lr parameter of a loose router (RFC 3261 section 19.1.1).</summary>
    public bool IsLooseRouting => Parameters.Contains("lr");

    /// <summary>
    /// URI comparison of RFC 3261 section 19.1.4 (record equality is structural): host and parameter values without
    /// regard to case; transport, user, ttl, method and maddr must agree when either URI has them; other parameters
    /// only when both have them; headers must agree.
    /// </summary>
    public bool IsEquivalentTo(SipUri other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Scheme != other.Scheme || !IsSip)
        {
            return Equals(other);
        }

        if (User != other.User || Password != other.Password || Port != other.Port
            || !string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (string name in (string[])["transport", "user", "ttl", "method", "maddr"])
        {
            if (!string.Equals(Parameters.Get(name), other.Parameters.Get(name), StringComparison.OrdinalIgnoreCase)
                || Parameters.Contains(name) != other.Parameters.Contains(name))
            {
                return false;
            }
        }

        foreach (SipParameter p in Parameters)
        {
            if (other.Parameters.Contains(p.Name) && !string.Equals(p.Value, other.Parameters.Get(p.Name), StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return Headers.Count == other.Headers.Count
            && Headers.All(h => string.Equals(h.Value, other.Headers.Get(h.Name), StringComparison.OrdinalIgnoreCase) && other.Headers.Contains(h.Name));
    }

    public static SipUri Parse(string text) =>
        TryParse(text, out SipUri? uri) ? uri : throw new FormatException($"not a SIP URI: '{text}'");

    /// <summary>Parses the whole of <paramref name="text"/> as a URI.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri) => SipUriReader.TryParse(text, out uri);

    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(Scheme).Append(':');
        if (!IsSip && !IsTel)
        {
            builder.Append(Opaque);
            return;
        }

        if (IsTel)
        {
            SipSyntax.AppendEscaped(builder, User ?? string.Empty, SipSyntax.IsParamChar);
        }
        else
        {
            if (User is not null)
            {
                SipSyntax.AppendEscaped(builder, User, SipSyntax.IsUserChar);
                if (Password is not null)
                {
                    builder.Append(':');
                    SipSyntax.AppendEscaped(builder, Password, SipSyntax.IsPasswordChar);
                }

                builder.Append('@');
            }

            builder.Append(Host);
            if (Port is { } port)
            {
                builder.Append(':').Append(port);
            }
        }

        foreach (SipParameter p in Parameters)
        {
            builder.Append(';');
            SipSyntax.AppendEscaped(builder, p.Name, SipSyntax.IsParamChar);
            if (p.Value is not null)
            {
                builder.Append('=');
                SipSyntax.AppendEscaped(builder, p.Value, SipSyntax.IsParamChar);
            }
        }

        char separator = '?';
        foreach (SipParameter h in Headers)
        {
            builder.Append(separator);
            SipSyntax.AppendEscaped(builder, h.Name, SipSyntax.IsHeaderChar);
            builder.Append('=');
            SipSyntax.AppendEscaped(builder, h.Value ?? string.Empty, SipSyntax.IsHeaderChar);
            separator = '&';
        }
    }
}
