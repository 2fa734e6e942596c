using System.Collections;

namespace Faxgate.Sip.Messages;

/// <summary>
/// The header fields of a message in their order. Names compare without regard to case and compact forms are
/// expanded; a repeated header stays one entry per line, and comma-separated values stay as written in their line.
/// </summary>
public sealed class SipHeaders : IReadOnlyList<SipHeader>, IEquatable<SipHeaders>
{
    private readonly SipHeader[] _items;

    public SipHeaders(IEnumerable<SipHeader> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _items = [.. headers.Select(Canonical)];
    }

    public SipHeaders(params ReadOnlySpan<(string Name, string Value)> headers)
    {
        _items = new SipHeader[headers.Length];
        for (int i = 0; i < headers.Length; i++)
        {
            _items[i] = Canonical(new SipHeader(headers[i].Name, headers[i].Value));
        }
    }

    internal SipHeaders(SipHeader[] canonicalItems, bool _) => _items = canonicalItems;

    public static SipHeaders Empty { get; } = new([], false);

    public int Count => _items.Length;

    public SipHeader this[int index] => _items[index];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first line called <paramref name="name"/> (a compact form also finds it).</summary>
    public string? Get(string name)
    {
        int at = IndexOf(name);
        return at < 0 ? null : _items[at].Value;
    }

    /// <summary>The values of every line called <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> GetAll(string name)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        return _items.Where(h => string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);
    }

    public int CountOf(string name) => GetAll(name).Count();

    /// <summary>A copy with the lines called <paramref name="name"/> replaced by one line (where the first was, or at the end).</summary>
    public SipHeaders With(string name, string value)
    {
        var header = Canonical(new SipHeader(name, value));
        var items = new List<SipHeader>(_items.Length + 1);
        bool placed = false;
        foreach (SipHeader item in _items)
        {
            if (!string.Equals(item.Name, header.Name, StringComparison.OrdinalIgnoreCase))
            {
                items.Add(item);
            }
            else if (!placed)
            {
                items.Add(header);
                placed = true;
            }
        }

        if (!placed)
        {
            items.Add(header);
        }

        return new SipHeaders([.. items], false);
    }

    public SipHeaders Add(string name, string value) => new([.. _items, Canonical(new SipHeader(name, value))], false);

    public SipHeaders Without(string name)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        return new SipHeaders([.. _items.Where(h => !string.Equals(h.Name, canonical, StringComparison.OrdinalIgnoreCase))], false);
    }

    public IEnumerator<SipHeader> GetEnumerator() => ((IEnumerable<SipHeader>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(SipHeaders? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as SipHeaders);

    public override int GetHashCode() => _items.Length;

    private int IndexOf(string name)
    {
        string canonical = SipHeaderNames.Canonicalize(name);
        for (int i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, canonical, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static SipHeader Canonical(SipHeader header)
    {
        ArgumentNullException.ThrowIfNull(header.Name);
        ArgumentNullException.ThrowIfNull(header.Value);
        if (!SipSyntax.IsToken(header.Name) || header.Value.Contains('\r') || header.Value.Contains('\n'))
        {
            throw new ArgumentException($"not a header line: '{header.Name}: {header.Value}'", nameof(header));
        }

        return new SipHeader(SipHeaderNames.Canonicalize(header.Name), header.Value.Trim(' ', '\t'));
    }
}
