using Faxgate.Fax.T30.Capabilities;

namespace Faxgate.Fax.T30.Session;

/// <summary>
/// What the layer below a T.30 session (a T.38 link, later an audio modem) reports about the line, in the order
/// it happened. <paramref name="now"/> is the caller's monotonic time; nothing here reads a clock.
/// </summary>
public interface IModemEvents
{
    /// <summary>A call tone was detected (T.38 CNG/CED indicators).</summary>
    void HandleTone(FaxTone tone, TimeSpan now);

    /// <summary>A carrier started: V.21 preamble when <paramref name="rate"/> is null, else the training of that high-speed modem.</summary>
    void HandleCarrierStarted(SignallingRate? rate, TimeSpan now);

    /// <summary>One complete HDLC frame (address, control, FCF, FIF; no FCS) and whether its FCS was good.</summary>
    void HandleFrame(ReadOnlySpan<byte> frame, bool fcsOk, TimeSpan now);

    /// <summary>Non-ECM high-speed data: TCF zeros or a page's T.4 stream, in order.</summary>
    void HandleNonEcmData(ReadOnlySpan<byte> data, TimeSpan now);

    /// <summary>The current carrier ended (T.38 sig-end or a carrier-down indication).</summary>
    void HandleCarrierEnded(TimeSpan now);

    /// <summary>The transmit commands polled so far have all gone out.</summary>
    void HandleTransmitComplete(TimeSpan now);
}
