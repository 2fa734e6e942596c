namespace Faxgate.Sip.Auth;

/// <summary>A challenge that gave nothing usable: what, and at which character of the header value.</summary>
public readonly record struct DigestError(DigestErrorKind Kind, int Offset)
{
    public override string ToString() => $"{Kind} at character {Offset}";
}
