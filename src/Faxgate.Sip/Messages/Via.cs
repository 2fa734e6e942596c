using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>One Via value (RFC 3261 section 20.42, rport from RFC 3581): sent-protocol, sent-by and parameters.</summary>
public sealed record Via
{
    public Via(string transport, string host, int? port = null, SipParameterList? parameters = null, string protocol = "SIP/2.0")
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(protocol);
        Transport = transport;
        Host = host;
        Port = port;
        Parameters = parameters ?? SipParameterList.Empty;
        Protocol = protocol;
    }

    /// <summary>protocol-name "/" protocol-version, e.g. "SIP/2.0".</summary>
    public string Protocol { get; init; }

    /// <summary>UDP, TCP, TLS, SCTP or any other token, as written.</summary>
    public string Transport { get; init; }

    public string Host { get; init; }

    public int? Port { get; init; }

    public SipParameterList Parameters { get; init; }

    public string? Branch => Parameters.Get("branch");

    public string? Received => Parameters.Get("received");

    public string? Maddr => Parameters.Get("maddr");

    public int? Ttl => int.TryParse(Parameters.Get("ttl"), out int ttl) ? ttl : null;

    /// <summary>The rport parameter is present (RFC 3581), with or without a value.</summary>
    public bool HasRport => Parameters.Contains("rport");

    /// <summary>The rport value a server filled in, if any.</summary>
    public int? Rport => int.TryParse(Parameters.Get("rport"), out int port) ? port : null;

    public static Via Parse(string text)
    {
        var reader = new SipValueReader(text);
        if (!TryRead(ref reader, out Via? via) || !reader.AtEnd)
        {
            throw new FormatException($"not a Via value: '{text}'");
        }

        return via;
    }

    /// <summary>Reads one via-parm, up to (not past) the comma or end that follows it.</summary>
    internal static bool TryRead(ref SipValueReader reader, [NotNullWhen(true)] out Via? via)
    {
        via = null;
        reader.SkipWhitespace();
        ReadOnlySpan<char> name = reader.ReadToken();
        if (name.IsEmpty || !reader.TrySeparator('/'))
        {
            return false;
        }

        ReadOnlySpan<char> version = reader.ReadToken();
        if (version.IsEmpty || !reader.TrySeparator('/'))
        {
            return false;
        }

        ReadOnlySpan<char> transport = reader.ReadToken();
        int before = reader.Position;
        reader.SkipWhitespace();
        if (transport.IsEmpty || reader.Position == before)
        {
            return false;
        }

        ReadOnlySpan<char> host = reader.Peek == '['
            ? reader.ReadWhile(static c => c != ']')
            : reader.ReadWhile(static c => SipSyntax.IsHostChar(c));
        if (host.IsEmpty)
        {
            return false;
        }

        if (host[0] == '[')
        {
            if (reader.Peek != ']')
            {
                return false;
            }

            reader.Position++;
            host = reader.Slice(reader.Position - host.Length - 1, reader.Position);
        }

        if (!SipUri.TryParse($"sip:{host}", out SipUri? check) || check.HostKind == SipHostKind.None)
        {
            return false;
        }

        int? port = null;
        if (reader.TrySeparator(':'))
        {
            ReadOnlySpan<char> digits = reader.ReadWhile(static c => SipSyntax.IsDigit(c));
            if (digits.IsEmpty || digits.Length > 5 || int.Parse(digits) > 65535)
            {
                return false;
            }

            port = int.Parse(digits);
        }

        if (!SipParameterList.TryReadHeaderParameters(ref reader, out SipParameterList parameters))
        {
            return false;
        }

        if (parameters.Get("rport") is { } rport && (!SipSyntax.IsDigits(rport) || rport.Length > 5)
            || parameters.Get("ttl") is { } ttl && (!SipSyntax.IsDigits(ttl) || ttl.Length > 3 || int.Parse(ttl) > 255))
        {
            return false;
        }

        reader.SkipWhitespace();
        via = new Via(transport.ToString(), host.ToString(), port, parameters, $"{name}/{version}");
        return true;
    }

    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(Protocol).Append('/').Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            builder.Append(':').Append(port);
        }

        Parameters.AppendHeaderParameters(builder);
    }
}
