namespace Faxgate.Sip.Sdp;

/// <summary>What Faxgate offers and accepts for T.38 (a trunk's T.38 settings).</summary>
public sealed record T38Preferences
{
    /// <summary>Highest T38FaxVersion offered, 0 to 3.</summary>
    public int Version { get; init; }

    /// <summary>T38MaxBitRate offered; an answer never states more than this.</summary>
    public int MaxBitRate { get; init; } = 14400;

    public T38RateManagement RateManagement { get; init; } = T38RateManagement.TransferredTcf;

    /// <summary>Whether a far end's localTCF is accepted (an answer then states localTCF).</summary>
    public bool AcceptsLocalTcf { get; init; }

    /// <summary>T38FaxMaxBuffer announced: our buffer for received IFP packets, in octets.</summary>
    public int MaxBuffer { get; init; } = 2000;

    /// <summary>T38FaxMaxDatagram announced: the largest UDPTL datagram we receive.</summary>
    public int MaxDatagram { get; init; } = 400;

    /// <summary>The error correction offered.</summary>
    public T38ErrorCorrection ErrorCorrection { get; init; } = T38ErrorCorrection.Redundancy;

    /// <summary>Whether an offered t38UDPFEC is accepted; if not, the answer falls back to redundancy.</summary>
    public bool AcceptsFec { get; init; } = true;

    public static T38Preferences Default { get; } = new();

    /// <summary>The parameters of our offer: nothing optional declared (no fill-bit removal, MMR or JBIG transcoding).</summary>
    public T38Parameters ToOfferParameters()
    {
        if (Version is < 0 or > 3)
        {
            throw new InvalidOperationException($"T38FaxVersion {Version} is outside 0..3");
        }

        return new T38Parameters
        {
            Version = Version,
            MaxBitRate = MaxBitRate,
            RateManagement = RateManagement,
            MaxBuffer = MaxBuffer,
            MaxDatagram = MaxDatagram,
            ErrorCorrection = ErrorCorrection,
        };
    }
}
