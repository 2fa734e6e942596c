namespace Faxgate.Fax.T30.Capabilities;

/// <summary>The outcome of <see cref="ModeSelection.Choose"/>: a mode to send the page in, or why there is none.</summary>
public abstract record ModeDecision
{
    private ModeDecision()
    {
    }

    /// <summary>
    /// The DCS to send, and what the page needs before it fits: resampling to <see cref="DcsParameters.Resolution"/>,
    /// reduction to <see cref="DcsParameters.Width"/>, or (for a receiver without unlimited length) cutting.
    /// </summary>
    public sealed record Chosen(DcsParameters Dcs, bool MustResample, bool MustReduceWidth, bool PageTooLong) : ModeDecision
    {
        /// <summary>Pels per coded line at the chosen width and resolution.</summary>
        public int LinePixels => Dcs.Width.Pixels(Dcs.Resolution);

        /// <summary>The fewest bits per coded line at the chosen rate and minimum scan line time.</summary>
        public int MinLineBits => ScanLineTimes.MinLineBits(Dcs.MinScanLineTime.Milliseconds(), Dcs.Rate);
    }

    /// <summary>No mode both stations share.</summary>
    public sealed record Incompatible(IncompatibilityReason Reason) : ModeDecision;
}

/// <summary>Why two stations have no common mode.</summary>
public enum IncompatibilityReason
{
    /// <summary>The far end's DIS does not set bit 10: it cannot receive.</summary>
    NotAReceiver,

    /// <summary>No modem and rate both stations support.</summary>
    NoCommonModem,
}
