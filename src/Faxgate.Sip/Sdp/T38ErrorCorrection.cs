namespace Faxgate.Sip.Sdp;

/// <summary>T38FaxUdpEC (T.38 Annex D): the UDPTL error recovery.</summary>
public enum T38ErrorCorrection
{
    /// <summary>t38UDPNoEC.</summary>
    None = 0,

    /// <summary>t38UDPFEC: parity over earlier packets.</summary>
    Fec,

    /// <summary>t38UDPRedundancy: earlier packets repeated.</summary>
    Redundancy,
}
