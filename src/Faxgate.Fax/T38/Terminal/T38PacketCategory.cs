namespace Faxgate.Fax.T38.Terminal;

/// <summary>
/// What a transmitted IFP packet carries, so the transport can protect it accordingly (T.38 terminals send
/// indicators and the ends of signals with more redundancy or repeats than bulk image data).
/// </summary>
public enum T38PacketCategory
{
    Indicator,
    ControlData,
    ControlDataEnd,
    ImageData,
    ImageDataEnd,
}
