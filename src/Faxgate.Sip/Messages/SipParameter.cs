namespace Faxgate.Sip.Messages;

/// <summary>
/// One parameter: a name and an optional value (RFC 3261 generic-param, uri-parameter). Header parameter values keep
/// their quotes when quoted; URI parameter values are unescaped.
/// </summary>
public readonly record struct SipParameter(string Name, string? Value)
{
    public bool Equals(SipParameter other) =>
        string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase) && string.Equals(Value, other.Value, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    public override string ToString() => Value is null ? Name : $"{Name}={Value}";
}
