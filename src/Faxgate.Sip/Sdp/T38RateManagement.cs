namespace Faxgate.Sip.Sdp;

/// <summary>T38FaxRateManagement (T.38 Annex D): how the training check (TCF) crosses the IP network.</summary>
public enum T38RateManagement
{
    /// <summary>transferredTCF: the TCF travels end to end (the method for UDPTL).</summary>
    TransferredTcf = 0,

    /// <summary>localTCF: each gateway generates and checks TCF itself (the method for TCP).</summary>
    LocalTcf,
}
