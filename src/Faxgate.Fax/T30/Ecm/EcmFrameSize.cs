namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// Octets of coded data in one FCD frame, chosen by the transmitter in DCS (T.4 A.3.2, T.30 A.2): the frame
/// number and the control octets come on top. A page keeps one frame size throughout.
/// </summary>
public enum EcmFrameSize
{
    /// <summary>64 octets per frame (DCS bit 28 set).</summary>
    Octets64 = 64,

    /// <summary>256 octets per frame, the usual choice.</summary>
    Octets256 = 256,
}
