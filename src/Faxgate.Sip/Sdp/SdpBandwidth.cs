namespace Faxgate.Sip.Sdp;

/// <summary>A b= line (RFC 4566 5.8): a bandwidth type (CT, AS, TIAS, ...) and a value.</summary>
public sealed record SdpBandwidth(string Type, long Value)
{
    public override string ToString() => $"{Type}:{Value}";
}
