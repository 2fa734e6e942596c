using System.Collections;
using System.Text;

namespace Faxgate.Sip.Messages;

/// <summary>Parameters in the order they were written; names compare without regard to case.</summary>
public sealed class SipParameterList : IReadOnlyList<SipParameter>, IEquatable<SipParameterList>
{
    private readonly SipParameter[] _items;

    public SipParameterList(IEnumerable<SipParameter> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
        foreach (SipParameter item in _items)
        {
            if (!SipSyntax.IsToken(item.Name))
            {
                throw new ArgumentException($"not a parameter name: '{item.Name}'", nameof(items));
            }
        }
    }

    private SipParameterList(SipParameter[] items, bool _) => _items = items;

    public static SipParameterList Empty { get; } = new([], false);

    public int Count => _items.Length;

    public SipParameter this[int index] => _items[index];

    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of the first parameter called <paramref name="name"/>, or null (also when it has no value).</summary>
    public string? Get(string name)
    {
        int at = IndexOf(name);
        return at < 0 ? null : _items[at].Value;
    }

    /// <summary>A copy with <paramref name="name"/> set (replaced in place, or added at the end).</summary>
    public SipParameterList With(string name, string? value)
    {
        var items = new List<SipParameter>(_items);
        int at = IndexOf(name);
        if (at >= 0)
        {
            items[at] = new SipParameter(items[at].Name, value);
        }
        else
        {
            items.Add(new SipParameter(name, value));
        }

        return new SipParameterList(items);
    }

    public SipParameterList Without(string name) => new(_items.Where(p => !string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)));

    private int IndexOf(string name)
    {
        for (int i = 0; i < _items.Length; i++)
        {
            if (string.Equals(_items[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public IEnumerator<SipParameter> GetEnumerator() => ((IEnumerable<SipParameter>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(SipParameterList? other) => other is not null && _items.AsSpan().SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as SipParameterList);

    public override int GetHashCode() => _items.Length;

    /// <summary>Writes ";name=value" for each header parameter (values as held: tokens, hosts or quoted strings).</summary>
    public void AppendHeaderParameters(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (SipParameter p in _items)
        {
            builder.Append(';').Append(p.Name);
            if (p.Value is not null)
            {
                builder.Append('=').Append(p.Value);
            }
        }
    }

    /// <summary>Reads *( SEMI generic-param ) (RFC 3261 section 25.1); false at a malformed parameter.</summary>
    internal static bool TryReadHeaderParameters(ref SipValueReader reader, out SipParameterList parameters)
    {
        parameters = Empty;
        List<SipParameter>? items = null;
        while (reader.TrySeparator(';'))
        {
            ReadOnlySpan<char> name = reader.ReadToken();
            if (name.IsEmpty)
            {
                return false;
            }

            string? value = null;
            if (reader.TrySeparator('='))
            {
                if (reader.Peek == '"')
                {
                    if (!reader.TryReadQuoted(out ReadOnlySpan<char> quoted))
                    {
                        return false;
                    }

                    value = quoted.ToString();
                }
                else
                {
                    ReadOnlySpan<char> token = reader.ReadWhile(static c => SipSyntax.IsTokenChar(c) || c is '[' or ']' or ':');
                    if (token.IsEmpty)
                    {
                        return false;
                    }

                    value = token.ToString();
                }
            }

            (items ??= []).Add(new SipParameter(name.ToString(), value));
        }

        if (items is not null)
        {
            parameters = new SipParameterList([.. items], false);
        }

        return true;
    }
}
