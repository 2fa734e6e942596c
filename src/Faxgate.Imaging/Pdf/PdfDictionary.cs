namespace Faxgate.Imaging.Pdf;

/// <summary>
/// A dictionary object (PDF 1.7, 7.3.7). Values are null, bool, long, double, <see cref="PdfName"/>,
/// <see cref="PdfString"/>, <see cref="PdfReference"/>, arrays (<see cref="List{T}"/> of those) and
/// dictionaries; references are left unresolved.
/// </summary>
internal sealed class PdfDictionary
{
    private readonly Dictionary<string, object?> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public object? this[string key]
    {
        get => _entries.GetValueOrDefault(key);
        set => _entries[key] = value;
    }

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>The value when it is the name given.</summary>
    public bool Is(string key, string name) => this[key] is PdfName n && n.Value == name;
}
