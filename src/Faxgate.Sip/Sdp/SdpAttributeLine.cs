namespace Faxgate.Sip.Sdp;

/// <summary>An a= line (RFC 4566 5.13): a property attribute (no value) or a value attribute.</summary>
public sealed record SdpAttributeLine(string Name, string? Value = null)
{
    /// <summary>Whether the name is <paramref name="name"/>, ignoring case as the field demands.</summary>
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}
