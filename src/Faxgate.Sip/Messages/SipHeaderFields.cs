namespace Faxgate.Sip.Messages;

/// <summary>The typed values of the headers Faxgate reads, taken from a message's header lines in one pass.</summary>
internal sealed class SipHeaderFields
{
    private static readonly Via[] NoVias = [];
    private static readonly NameAddress[] NoAddresses = [];

    public IReadOnlyList<Via> Vias { get; private set; } = NoVias;

    public NameAddress? From { get; private set; }

    public NameAddress? To { get; private set; }

    public string? CallId { get; private set; }

    public CSeq? CSeq { get; private set; }

    public int? MaxForwards { get; private set; }

    public IReadOnlyList<NameAddress> Contacts { get; private set; } = NoAddresses;

    public bool ContactIsWildcard { get; private set; }

    public IReadOnlyList<NameAddress> Routes { get; private set; } = NoAddresses;

    public IReadOnlyList<NameAddress> RecordRoutes { get; private set; } = NoAddresses;

    public int? ContentLength { get; private set; }

    public string? ContentType { get; private set; }

    public uint? Expires { get; private set; }

    /// <summary>Reads every known header; on failure says which line (index into the headers) and why.</summary>
    public static bool TryRead(
        SipHeaders headers, SipParserLimits limits, out SipHeaderFields fields, out int badIndex, out SipParseErrorKind kind, out string reason)
    {
        fields = new SipHeaderFields();
        List<Via>? vias = null;
        List<NameAddress>? contacts = null, routes = null, recordRoutes = null;
        bool sawFrom = false, sawTo = false, sawCallId = false, sawCSeq = false, sawMaxForwards = false;
        bool sawContentLength = false, sawContentType = false, sawExpires = false;
        kind = SipParseErrorKind.BadHeaderValue;
        reason = string.Empty;
        for (badIndex = 0; badIndex < headers.Count; badIndex++)
        {
            SipHeader header = headers[badIndex];
            string value = header.Value;
            bool ok = true;
            bool duplicate = false;
            switch (header.Name)
            {
                case SipHeaderNames.Via:
                    ok = TryReadVias(value, vias ??= [], limits.MaxViaCount, out bool tooMany);
                    if (tooMany)
                    {
                        kind = SipParseErrorKind.TooManyVias;
                        reason = $"more than {limits.MaxViaCount} Via values";
                        return false;
                    }

                    break;
                case SipHeaderNames.From:
                    duplicate = Seen(ref sawFrom);
                    ok = NameAddress.TryParse(value, out NameAddress? from);
                    fields.From = from;
                    break;
                case SipHeaderNames.To:
                    duplicate = Seen(ref sawTo);
                    ok = NameAddress.TryParse(value, out NameAddress? to);
                    fields.To = to;
                    break;
                case SipHeaderNames.CallId:
                    duplicate = Seen(ref sawCallId);
                    ok = IsCallId(value);
                    fields.CallId = value;
                    break;
                case SipHeaderNames.CSeq:
                    duplicate = Seen(ref sawCSeq);
                    ok = Messages.CSeq.TryParse(value, out CSeq? cseq);
                    fields.CSeq = cseq;
                    break;
                case SipHeaderNames.MaxForwards:
                    duplicate = Seen(ref sawMaxForwards);
                    ok = TryReadNumber(value, 255, out long hops);
                    fields.MaxForwards = (int)hops;
                    break;
                case SipHeaderNames.Contact:
                    if (value == "*")
                    {
                        fields.ContactIsWildcard = true;
                    }
                    else
                    {
                        ok = TryReadAddresses(value, contacts ??= []);
                    }

                    break;
                case SipHeaderNames.Route:
                    ok = TryReadAddresses(value, routes ??= []);
                    break;
                case SipHeaderNames.RecordRoute:
                    ok = TryReadAddresses(value, recordRoutes ??= []);
                    break;
                case SipHeaderNames.ContentLength:
                    duplicate = Seen(ref sawContentLength);
                    ok = TryReadNumber(value, int.MaxValue, out long length);
                    fields.ContentLength = (int)length;
                    break;
                case SipHeaderNames.ContentType:
                    duplicate = Seen(ref sawContentType);
                    ok = IsMediaType(value);
                    fields.ContentType = value;
                    break;
                case SipHeaderNames.Expires:
                    duplicate = Seen(ref sawExpires);
                    ok = TryReadNumber(value, uint.MaxValue, out long expires);
                    fields.Expires = (uint)expires;
                    break;
                default:
                    break;
            }

            if (duplicate)
            {
                kind = SipParseErrorKind.DuplicateHeader;
                reason = $"{header.Name} appears more than once";
                return false;
            }

            if (!ok)
            {
                reason = $"{header.Name} value does not follow its grammar or is out of range";
                return false;
            }
        }

        badIndex = -1;
        fields.Vias = vias ?? (IReadOnlyList<Via>)NoVias;
        fields.Contacts = contacts ?? (IReadOnlyList<NameAddress>)NoAddresses;
        fields.Routes = routes ?? (IReadOnlyList<NameAddress>)NoAddresses;
        fields.RecordRoutes = recordRoutes ?? (IReadOnlyList<NameAddress>)NoAddresses;
        return true;
    }

    private static bool Seen(ref bool seen)
    {
        bool before = seen;
        seen = true;
        return before;
    }

    private static bool TryReadVias(string value, List<Via> vias, int max, out bool tooMany)
    {
        tooMany = false;
        var reader = new SipValueReader(value);
        while (true)
        {
            if (!Via.TryRead(ref reader, out Via? via))
            {
                return false;
            }

            vias.Add(via);
            if (vias.Count > max)
            {
                tooMany = true;
                return false;
            }

            reader.SkipWhitespace();
            if (reader.AtEnd)
            {
                return true;
            }

            if (reader.Peek != ',')
            {
                return false;
            }

            reader.Position++;
        }
    }

    private static bool TryReadAddresses(string value, List<NameAddress> addresses)
    {
        var reader = new SipValueReader(value);
        while (true)
        {
            if (!NameAddress.TryRead(ref reader, out NameAddress? address))
            {
                return false;
            }

            addresses.Add(address);
            reader.SkipWhitespace();
            if (reader.AtEnd)
            {
                return true;
            }

            if (reader.Peek != ',')
            {
                return false;
            }

            reader.Position++;
        }
    }

    private static bool TryReadNumber(string value, long max, out long number)
    {
        number = 0;
        return SipSyntax.IsDigits(value) && value.TrimStart('0').Length <= 10 && long.TryParse(value, out number) && number <= max;
    }

    /// <summary>callid = word [ "@" word ] (RFC 3261 section 25.1).</summary>
    private static bool IsCallId(string value)
    {
        int at = value.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? IsWord(value) : IsWord(value.AsSpan(0, at)) && IsWord(value.AsSpan(at + 1));
    }

    private static bool IsWord(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (char c in text)
        {
            if (!SipSyntax.IsTokenChar(c) && c is not ('(' or ')' or '<' or '>' or ':' or '\\' or '"' or '/' or '[' or ']' or '?' or '{' or '}'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>media-type = m-type SLASH m-subtype *( SEMI m-parameter ).</summary>
    private static bool IsMediaType(string value)
    {
        var reader = new SipValueReader(value);
        if (reader.ReadToken().IsEmpty || !reader.TrySeparator('/') || reader.ReadToken().IsEmpty)
        {
            return false;
        }

        if (!SipParameterList.TryReadHeaderParameters(ref reader, out _))
        {
            return false;
        }

        reader.SkipWhitespace();
        return reader.AtEnd;
    }
}
