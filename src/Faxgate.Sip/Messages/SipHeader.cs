namespace Faxgate.Sip.Messages;

/// <summary>One header field line: its canonical name and its value (unfolded, without surrounding whitespace).</summary>
public readonly record struct SipHeader(string Name, string Value)
{
    public bool Equals(SipHeader other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    public override string ToString() => $"{Name}: {Value}";
}
