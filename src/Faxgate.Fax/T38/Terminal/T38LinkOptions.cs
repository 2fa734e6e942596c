namespace Faxgate.Fax.T38.Terminal;

/// <summary>How a <see cref="T38Link"/> talks T.38: the negotiated session parameters and its pacing.</summary>
public sealed record T38LinkOptions
{
    /// <summary>T38FaxVersion agreed in SDP (0 to 3).</summary>
    public int Version { get; init; }

    /// <summary>T38FaxRateManagement agreed in SDP.</summary>
    public T38RateManagement RateManagement { get; init; } = T38RateManagement.TransferredTcf;

    /// <summary>Largest IFP packet the transport carries (<c>UdptlSender.MaxIfpSize</c>).</summary>
    public int MaxIfpSize { get; init; } = 300;

    /// <summary>T38MaxBitRate agreed in SDP; commands at a faster rate are refused.</summary>
    public int MaxBitRate { get; init; } = 14400;

    /// <summary>Air time of data each packet carries; sets the chunk size at each rate (SpanDSP uses 30 ms).</summary>
    public TimeSpan PacketInterval { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>
    /// Whether packets are released at the pace the modems would send them. Off, every packet is due at once
    /// (benchmarks, and peers over a reliable transport).
    /// </summary>
    public bool Pacing { get; init; } = true;

    /// <summary>
    /// Whether the last chunk of a frame and its hdlc-fcs-OK travel in one packet. SpanDSP 0.0.6 terminals send
    /// them apart; both forms are read by everyone.
    /// </summary>
    public bool MergeFcsWithData { get; init; }

    /// <summary>Longest HDLC frame accepted from the far end, in octets.</summary>
    public int MaxReceivedFrameLength { get; init; } = 2048;

    public static T38LinkOptions Default { get; } = new();
}
