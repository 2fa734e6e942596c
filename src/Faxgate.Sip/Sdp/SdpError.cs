namespace Faxgate.Sip.Sdp;

/// <summary>A parse failure: what, on which line (1-based; 0 for the whole body) and at which byte offset of the body.</summary>
public readonly record struct SdpError(SdpErrorKind Kind, int Line, int Offset)
{
    public override string ToString() => $"{Kind} on line {Line} (byte {Offset})";
}
