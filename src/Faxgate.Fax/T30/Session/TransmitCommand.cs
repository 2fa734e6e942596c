using Faxgate.Fax.T30.Capabilities;

namespace Faxgate.Fax.T30.Session;

/// <summary>
/// What the T.30 session asks the layer below it (a T.38 link, later an audio modem) to transmit. The layer
/// transmits commands one after another in the order it polled them and reports
/// <c>HandleTransmitComplete</c> to the session when the last one has gone out.
/// </summary>
public abstract record TransmitCommand;

/// <summary>A call tone (CNG or CED).</summary>
public sealed record SendTone(FaxTone Tone) : TransmitCommand;

/// <summary>
/// HDLC frames back to back in one transmission: each frame is address, control, FCF and FIF
/// (no flags, no FCS: the layer below adds them). <see cref="Rate"/> is null for V.21 channel 2 at 300 bit/s
/// (control frames); an ECM partial page goes at the page's high-speed rate.
/// </summary>
public sealed record SendHdlc(SignallingRate? Rate, IReadOnlyList<byte[]> Frames) : TransmitCommand;

/// <summary>The training check: zeros at <see cref="Rate"/> for <see cref="Duration"/> (T.30 5.3.6.2.8: 1.5 s).</summary>
public sealed record SendTcf(SignallingRate Rate, TimeSpan Duration) : TransmitCommand;

/// <summary>A non-ECM page: the T.4 coded stream, ending with RTC, at <see cref="Rate"/>.</summary>
public sealed record SendImage(SignallingRate Rate, ReadOnlyMemory<byte> Data) : TransmitCommand;

/// <summary>A pause in which nothing is transmitted (T.30 5.3.6 timing: 75 ms between modulations).</summary>
public sealed record SendSilence(TimeSpan Duration) : TransmitCommand;
