namespace Faxgate.Sip.Messages;

/// <summary>Header field names Faxgate knows, in their canonical spelling, and the compact forms (RFC 3261 section 7.3.3).</summary>
public static class SipHeaderNames
{
    public const string Via = "Via";
    public const string From = "From";
    public const string To = "To";
    public const string CallId = "Call-ID";
    public const string CSeq = "CSeq";
    public const string MaxForwards = "Max-Forwards";
    public const string Contact = "Contact";
    public const string Route = "Route";
    public const string RecordRoute = "Record-Route";
    public const string ContentLength = "Content-Length";
    public const string ContentType = "Content-Type";
    public const string ContentEncoding = "Content-Encoding";
    public const string Expires = "Expires";
    public const string Subject = "Subject";
    public const string Supported = "Supported";
    public const string Require = "Require";
    public const string ProxyRequire = "Proxy-Require";
    public const string Unsupported = "Unsupported";
    public const string Allow = "Allow";
    public const string Accept = "Accept";
    public const string Date = "Date";
    public const string Event = "Event";
    public const string ReferTo = "Refer-To";
    public const string ReferredBy = "Referred-By";
    public const string SessionExpires = "Session-Expires";
    public const string AllowEvents = "Allow-Events";
    public const string Identity = "Identity";
    public const string UserAgent = "User-Agent";
    public const string Server = "Server";
    public const string WwwAuthenticate = "WWW-Authenticate";
    public const string ProxyAuthenticate = "Proxy-Authenticate";
    public const string Authorization = "Authorization";
    public const string ProxyAuthorization = "Proxy-Authorization";
    public const string RetryAfter = "Retry-After";
    public const string Warning = "Warning";

    private static readonly Dictionary<string, string> Canonical = new(StringComparer.OrdinalIgnoreCase)
    {
        ["i"] = CallId,
        ["m"] = Contact,
        ["e"] = ContentEncoding,
        ["l"] = ContentLength,
        ["c"] = ContentType,
        ["f"] = From,
        ["s"] = Subject,
        ["k"] = Supported,
        ["t"] = To,
        ["v"] = Via,
        ["o"] = Event,
        ["u"] = AllowEvents,
        ["r"] = ReferTo,
        ["b"] = ReferredBy,
        ["x"] = SessionExpires,
        ["y"] = Identity,
    };

    private static readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CanonicalBySpan = CreateLookup();

    /// <summary>The canonical spelling of a known name or compact form; other names as given.</summary>
    public static string Canonicalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Canonical.TryGetValue(name, out string? canonical) ? canonical : name;
    }

    /// <summary>As <see cref="Canonicalize(string)"/>, allocating only for names Faxgate does not know.</summary>
    public static string Canonicalize(ReadOnlySpan<char> name) =>
        CanonicalBySpan.TryGetValue(name, out string? canonical) ? canonical : name.ToString();

    private static Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CreateLookup()
    {
        foreach (string name in new[]
        {
            Via, From, To, CallId, CSeq, MaxForwards, Contact, Route, RecordRoute, ContentLength, ContentType, ContentEncoding,
            Expires, Subject, Supported, Require, ProxyRequire, Unsupported, Allow, Accept, Date, Event, ReferTo, ReferredBy,
            SessionExpires, AllowEvents, Identity, UserAgent, Server, WwwAuthenticate, ProxyAuthenticate, Authorization,
            ProxyAuthorization, RetryAfter,
        })
        {
            Canonical[name] = name;
        }

        return Canonical.GetAlternateLookup<ReadOnlySpan<char>>();
    }
}
