namespace Faxgate.Fax.T38.Terminal;

/// <summary>T38FaxRateManagement (T.38 clause 5.2 / SDP): who checks the training (TCF).</summary>
public enum T38RateManagement
{
    /// <summary>
    /// localTCF: TCF is not carried; the sender sends only the training indicator and the receiving side judges
    /// the training itself.
    /// </summary>
    LocalTcf,

    /// <summary>transferredTCF: TCF zeros travel as t4-non-ecm-data, and the receiver counts them.</summary>
    TransferredTcf,
}
