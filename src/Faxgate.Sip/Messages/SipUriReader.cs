using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Sip.Messages;

/// <summary>The URI grammar of RFC 3261 section 25.1 (SIP-URI, SIPS-URI, absoluteURI) and RFC 3966 (tel).</summary>
internal static class SipUriReader
{
    private static readonly SearchValues<char> HexDigits = SearchValues.Create("0123456789abcdefABCDEF");

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        int colon = text.IndexOf(':');
        if (colon <= 0 || !IsScheme(text[..colon]))
        {
            return false;
        }

        string scheme = text[..colon].ToString().ToLowerInvariant();
        ReadOnlySpan<char> rest = text[(colon + 1)..];
        return scheme switch
        {
            "sip" or "sips" => TryParseSip(scheme, rest, out uri),
            "tel" => TryParseTel(rest, out uri),
            _ => TryParseOpaque(scheme, rest, out uri),
        };
    }

    public static SipHostKind KindOf(string host)
    {
        if (host.Length == 0)
        {
            return SipHostKind.None;
        }

        if (host[0] == '[')
        {
            return SipHostKind.IPv6;
        }

        return IsIPv4(host) ? SipHostKind.IPv4 : SipHostKind.Name;
    }

    private static bool IsScheme(ReadOnlySpan<char> scheme)
    {
        if (scheme.IsEmpty || !char.IsAsciiLetter(scheme[0]))
        {
            return false;
        }

        foreach (char c in scheme)
        {
            if (!SipSyntax.IsAlphanumeric(c) && c is not ('+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseSip(string scheme, ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        string? user = null;
        string? password = null;

        // '@' occurs in no part of a SIP URI but userinfo (RFC 3261 section 25.1), so the first one ends it.
        int at = text.IndexOf('@');
        if (at >= 0)
        {
            ReadOnlySpan<char> userinfo = text[..at];
            int colon = userinfo.IndexOf(':');
            ReadOnlySpan<char> userText = colon < 0 ? userinfo : userinfo[..colon];
            if (userText.IsEmpty || !SipSyntax.TryUnescape(userText, SipSyntax.IsUserChar, out string userValue))
            {
                return false;
            }

            user = userValue;
            if (colon >= 0)
            {
                if (!SipSyntax.TryUnescape(userinfo[(colon + 1)..], SipSyntax.IsPasswordChar, out string passwordValue))
                {
                    return false;
                }

                password = passwordValue;
            }

            text = text[(at + 1)..];
        }

        if (!TryReadHost(ref text, out string? host))
        {
            return false;
        }

        int? port = null;
        if (!text.IsEmpty && text[0] == ':')
        {
            int digits = 1;
            while (digits < text.Length && SipSyntax.IsDigit(text[digits]))
            {
                digits++;
            }

            if (digits == 1 || digits > 6 || !int.TryParse(text[1..digits], out int value) || value > 65535)
            {
                return false;
            }

            port = value;
            text = text[digits..];
        }

        if (!TryReadUriParameters(ref text, out SipParameterList parameters) || !TryReadUriHeaders(text, out SipParameterList headers))
        {
            return false;
        }

        uri = new SipUri(scheme, user, host, port, parameters) { Password = password, Headers = headers };
        return true;
    }

    private static bool TryParseTel(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        int semicolon = text.IndexOf(';');
        ReadOnlySpan<char> number = semicolon < 0 ? text : text[..semicolon];
        text = semicolon < 0 ? [] : text[semicolon..];
        if (number.IsEmpty || !SipSyntax.TryUnescape(number, SipSyntax.IsParamChar, out string subscriber)
            || !TryReadUriParameters(ref text, out SipParameterList parameters) || !text.IsEmpty)
        {
            return false;
        }

        uri = new SipUri("tel", subscriber, string.Empty, null, parameters);
        return true;
    }

    private static bool TryParseOpaque(string scheme, ReadOnlySpan<char> text, [NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            // absoluteURI: uric characters; no whitespace, controls, quotes or angle brackets.
            if (c <= ' ' || c >= 0x7F || c is '<' or '>' or '"' or '\\' or '{' or '}' or '|' or '^' or '`')
            {
                return false;
            }
        }

        uri = new SipUri(scheme, null, string.Empty) { Opaque = text.ToString() };
        return true;
    }

    private static bool TryReadHost(ref ReadOnlySpan<char> text, [NotNullWhen(true)] out string? host)
    {
        host = null;
        if (!text.IsEmpty && text[0] == '[')
        {
            int close = text.IndexOf(']');
            if (close < 0 || !IsIPv6(text[1..close]))
            {
                return false;
            }

            host = text[..(close + 1)].ToString();
            text = text[(close + 1)..];
            return true;
        }

        int end = 0;
        while (end < text.Length && SipSyntax.IsHostChar(text[end]))
        {
            end++;
        }

        if (end == 0 || text[0] is '-' or '.')
        {
            return false;
        }

        host = text[..end].ToString();
        text = text[end..];
        return true;
    }

    private static bool TryReadUriParameters(ref ReadOnlySpan<char> text, out SipParameterList parameters)
    {
        parameters = SipParameterList.Empty;
        List<SipParameter>? items = null;
        while (!text.IsEmpty && text[0] == ';')
        {
            text = text[1..];
            int end = 0;
            while (end < text.Length && text[end] is not (';' or '?'))
            {
                end++;
            }

            ReadOnlySpan<char> parameter = text[..end];
            text = text[end..];
            int equals = parameter.IndexOf('=');
            ReadOnlySpan<char> nameText = equals < 0 ? parameter : parameter[..equals];
            if (nameText.IsEmpty || !SipSyntax.TryUnescape(nameText, SipSyntax.IsParamChar, out string name) || !SipSyntax.IsToken(name))
            {
                return false;
            }

            string? value = null;
            if (equals >= 0)
            {
                ReadOnlySpan<char> valueText = parameter[(equals + 1)..];
                if (valueText.IsEmpty || !SipSyntax.TryUnescape(valueText, SipSyntax.IsParamChar, out value))
                {
                    return false;
                }
            }

            (items ??= []).Add(new SipParameter(name, value));
        }

        if (items is not null)
        {
            parameters = new SipParameterList(items);
        }

        return true;
    }

    private static bool TryReadUriHeaders(ReadOnlySpan<char> text, out SipParameterList headers)
    {
        headers = SipParameterList.Empty;
        if (text.IsEmpty)
        {
            return true;
        }

        if (text[0] != '?')
        {
            return false;
        }

        var items = new List<SipParameter>();
        foreach (Range range in text[1..].Split('&'))
        {
            ReadOnlySpan<char> header = text[1..][range];
            int equals = header.IndexOf('=');
            if (equals <= 0
                || !SipSyntax.TryUnescape(header[..equals], SipSyntax.IsHeaderChar, out string name)
                || !SipSyntax.IsToken(name)
                || !SipSyntax.TryUnescape(header[(equals + 1)..], SipSyntax.IsHeaderChar, out string value))
            {
                return false;
            }

            items.Add(new SipParameter(name, value));
        }

        headers = new SipParameterList(items);
        return true;
    }

    private static bool IsIPv4(string host)
    {
        int parts = 0;
        foreach (Range range in host.AsSpan().Split('.'))
        {
            ReadOnlySpan<char> part = host.AsSpan()[range];
            if (part.IsEmpty || part.Length > 3 || !int.TryParse(part, out int value) || value > 255 || !SipSyntax.IsDigits(part))
            {
                return false;
            }

            parts++;
        }

        return parts == 4;
    }

    /// <summary>IPv6address (RFC 3261 section 25.1): hex groups, at most one "::", optionally ending in an IPv4 address.</summary>
    private static bool IsIPv6(ReadOnlySpan<char> text)
    {
        int doubleColon = text.IndexOf("::");
        if (doubleColon >= 0 && text[(doubleColon + 1)..].IndexOf("::") >= 0)
        {
            return false;
        }

        int groups = 0;
        int lastColon = text.LastIndexOf(':');
        if (lastColon < 0)
        {
            return false;
        }

        ReadOnlySpan<char> tail = text[(lastColon + 1)..];
        if (tail.Contains('.'))
        {
            if (!IsIPv4(tail.ToString()))
            {
                return false;
            }

            groups += 2;
            text = text[..(lastColon + 1)];
            if (!text.EndsWith("::"))
            {
                text = text[..^1];
            }
        }

        foreach (Range range in text.Split(':'))
        {
            ReadOnlySpan<char> group = text[range];
            if (group.IsEmpty)
            {
                continue;
            }

            if (group.Length > 4 || group.ContainsAnyExcept(HexDigits))
            {
                return false;
            }

            groups++;
        }

        if ((text.StartsWith(":") && !text.StartsWith("::")) || (text.EndsWith(":") && !text.EndsWith("::")))
        {
            return false;
        }

        return doubleColon >= 0 ? groups < 8 : groups == 8;
    }
}
