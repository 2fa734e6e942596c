namespace Faxgate.Fax.T38.Udptl;

/// <summary>The error-recovery CHOICE of a UDPTL datagram (T.38 clause 9.1).</summary>
public enum UdptlRecoveryKind
{
    /// <summary>Copies of earlier IFP packets, most recent first (possibly none).</summary>
    Redundancy,

    /// <summary>XOR parity over earlier IFP packets (fec-info).</summary>
    Fec,
}
