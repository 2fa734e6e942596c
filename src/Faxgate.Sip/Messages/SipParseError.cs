namespace Faxgate.Sip.Messages;

/// <summary>A parse failure: what, at which byte offset of the input, in which header (if any), and why.</summary>
public sealed record SipParseError(SipParseErrorKind Kind, int Offset, string Reason, string? Header = null)
{
    public override string ToString() => Header is null ? $"{Kind} at byte {Offset}: {Reason}" : $"{Kind} in {Header} at byte {Offset}: {Reason}";
}
