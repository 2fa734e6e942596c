using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>
/// A name-addr or addr-spec with its header parameters (From, To, Contact, Route, Record-Route; RFC 3261 section
/// 20.10). <see cref="DisplayName"/> holds the unquoted text.
/// </summary>
public sealed record NameAddress
{
    public NameAddress(SipUri uri, string? displayName = null, SipParameterList? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? SipParameterList.Empty;
    }

    public string? DisplayName { get; init; }

    public SipUri Uri { get; init; }

    public SipParameterList Parameters { get; init; }

    public string? Tag => Parameters.Get("tag");

    public NameAddress WithTag(string tag) => this with { Parameters = Parameters.With("tag", tag) };

    public static NameAddress Parse(string text) =>
        TryParse(text, out NameAddress? address) ? address : throw new FormatException($"not a name-addr: '{text}'");

    /// <summary>Parses the whole of <paramref name="text"/> as one name-addr or addr-spec with parameters.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out NameAddress? address)
    {
        var reader = new SipValueReader(text);
        if (!TryRead(ref reader, out address))
        {
            return false;
        }

        reader.SkipWhitespace();
        if (!reader.AtEnd)
        {
            address = null;
            return false;
        }

        return true;
    }

    /// <summary>Reads one value of a list, up to (not past) the comma or end that follows it.</summary>
    internal static bool TryRead(ref SipValueReader reader, [NotNullWhen(true)] out NameAddress? address)
    {
        address = null;
        reader.SkipWhitespace();
        string? displayName = null;
        if (reader.Peek == '"')
        {
            if (!reader.TryReadQuoted(out ReadOnlySpan<char> quoted))
            {
                return false;
            }

            displayName = SipValueReader.Unquote(quoted);
            reader.SkipWhitespace();
            if (reader.Peek != '<')
            {
                return false;
            }
        }
        else if (reader.Peek != '<')
        {
            // *(token LWS) before '<' is a display name; anything else is an addr-spec.
            int start = reader.Position;
            int end = start;
            while (!reader.ReadToken().IsEmpty)
            {
                end = reader.Position;
                reader.SkipWhitespace();
            }

            if (reader.Peek == '<' && end > start)
            {
                displayName = reader.Slice(start, end).ToString();
            }
            else
            {
                reader.Position = start;
                ReadOnlySpan<char> spec = reader.ReadWhile(static c => c is not (';' or ',' or ' ' or '\t'));
                // An addr-spec holding '?' (headers) would need the name-addr form (RFC 3261 section 20.10).
                if (!SipUri.TryParse(spec, out SipUri? bare) || !bare.Headers.Equals(SipParameterList.Empty) || spec.Contains('?'))
                {
                    return false;
                }

                if (!SipParameterList.TryReadHeaderParameters(ref reader, out SipParameterList bareParameters))
                {
                    return false;
                }

                address = new NameAddress(bare, null, bareParameters);
                return true;
            }
        }

        // reader.Peek == '<'
        int open = reader.Position + 1;
        int close = reader.Rest.IndexOf('>');
        if (close < 0)
        {
            return false;
        }

        if (!SipUri.TryParse(reader.Slice(open, reader.Position + close), out SipUri? uri))
        {
            return false;
        }

        reader.Position += close + 1;
        if (!SipParameterList.TryReadHeaderParameters(ref reader, out SipParameterList parameters))
        {
            return false;
        }

        address = new NameAddress(uri, displayName, parameters);
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
        if (DisplayName is not null)
        {
            SipSyntax.AppendQuoted(builder, DisplayName);
            builder.Append(' ');
        }

        builder.Append('<');
        Uri.AppendTo(builder);
        builder.Append('>');
        Parameters.AppendHeaderParameters(builder);
    }
}
