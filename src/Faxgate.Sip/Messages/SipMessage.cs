namespace Faxgate.Sip.Messages;

/// <summary>
/// A SIP request or response (RFC 3261 section 7): start line, header lines and body, with typed views of the
/// headers Faxgate reads. A message built in code must hold valid values for those headers.
/// </summary>
public abstract class SipMessage : IEquatable<SipMessage>
{
    private readonly SipHeaderFields _fields;

    private protected SipMessage(string version, SipHeaders headers, ReadOnlyMemory<byte> body)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(headers);
        if (!SipHeaderFields.TryRead(headers, SipParserLimits.Default, out _fields, out int bad, out _, out string reason))
        {
            throw new ArgumentException($"header line {bad}: {reason}", nameof(headers));
        }

        Version = version;
        Headers = headers;
        Body = body;
    }

    private protected SipMessage(string version, SipHeaders headers, ReadOnlyMemory<byte> body, SipHeaderFields fields)
    {
        Version = version;
        Headers = headers;
        Body = body;
        _fields = fields;
    }

    /// <summary>The SIP-Version of the start line as written, e.g. "SIP/2.0".</summary>
    public string Version { get; }

    public SipHeaders Headers { get; }

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>Every Via value, topmost first, across all Via lines.</summary>
    public IReadOnlyList<Via> Vias => _fields.Vias;

    public Via? TopVia => _fields.Vias.Count > 0 ? _fields.Vias[0] : null;

    /// <summary>
    /// These headers with the top Via replaced by <paramref name="top"/>: the Via values are written one per line where
    /// the first Via line stood, every other header stays where it was.
    /// </summary>
    public SipHeaders HeadersWithTopVia(Via top)
    {
        ArgumentNullException.ThrowIfNull(top);
        var headers = new List<SipHeader>(Headers.Count + Vias.Count);
        bool placed = false;
        foreach (SipHeader header in Headers)
        {
            if (header.Name != SipHeaderNames.Via)
            {
                headers.Add(header);
            }
            else if (!placed)
            {
                placed = true;
                headers.Add(new SipHeader(SipHeaderNames.Via, top.ToString()));
                for (int i = 1; i < Vias.Count; i++)
                {
                    headers.Add(new SipHeader(SipHeaderNames.Via, Vias[i].ToString()));
                }
            }
        }

        return new SipHeaders(headers);
    }

    public NameAddress? From => _fields.From;

    public NameAddress? To => _fields.To;

    public string? CallId => _fields.CallId;

    public CSeq? CSeq => _fields.CSeq;

    public int? MaxForwards => _fields.MaxForwards;

    public IReadOnlyList<NameAddress> Contacts => _fields.Contacts;

    /// <summary>"Contact: *" (RFC 3261 section 10.2.2).</summary>
    public bool ContactIsWildcard => _fields.ContactIsWildcard;

    public IReadOnlyList<NameAddress> Routes => _fields.Routes;

    public IReadOnlyList<NameAddress> RecordRoutes => _fields.RecordRoutes;

    /// <summary>The Content-Length header as received (the writer always writes the body's real length).</summary>
    public int? ContentLength => _fields.ContentLength;

    public string? ContentType => _fields.ContentType;

    public uint? Expires => _fields.Expires;

    /// <summary>
    /// Same start line, header lines and body. Content-Length lines are framing, which the writer always sets from
    /// the body, so they take no part.
    /// </summary>
    public bool Equals(SipMessage? other) =>
        other is not null && other.GetType() == GetType() && StartLineEquals(other) && Version == other.Version
        && Headers.Without(SipHeaderNames.ContentLength).Equals(other.Headers.Without(SipHeaderNames.ContentLength))
        && Body.Span.SequenceEqual(other.Body.Span);

    public override bool Equals(object? obj) => Equals(obj as SipMessage);

    public override int GetHashCode() => HashCode.Combine(GetType(), Headers.Count, Body.Length);

    public override string ToString() => System.Text.Encoding.UTF8.GetString(SipMessageWriter.Write(this));

    private protected abstract bool StartLineEquals(SipMessage other);
}
