using Faxgate.Fax.T38.Udptl;

namespace Faxgate.Fax.T38.Terminal;

/// <summary>The T.38 settings of a terminal: the link (version, rate management, pacing) and UDPTL both ways.</summary>
public sealed record T38TerminalOptions
{
    public T38LinkOptions Link { get; init; } = T38LinkOptions.Default;

    public UdptlSenderOptions Sender { get; init; } = UdptlSenderOptions.Default;

    public UdptlReceiverOptions Receiver { get; init; } = UdptlReceiverOptions.Default;

    /// <summary>Extra copies of each indicator and end-of-signal packet, each in a datagram of its own (0 to 5).</summary>
    public int EndOfSignalRepeats { get; init; } = 2;
}
