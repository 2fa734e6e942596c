using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// Picks the DCS for one page from the two stations' capabilities: the fastest common modem, the best common
/// coding (MMR needs ECM on both sides, T.30 Table 2 note), ECM when both have it, and the page's resolution,
/// width and length where the receiver accepts them, else the best it does. Page geometry depends on the receiver
/// only: the sender can resample anything.
/// </summary>
public static class ModeSelection
{
    // Slack for pages a little off nominal size: T.4 gives widths as 215 mm ± 1 %.
    private const double SizeTolerance = 0.01;

    private static readonly FaxResolution[] Resolutions = Enum.GetValues<FaxResolution>();

    /// <summary>The mode to send <paramref name="page"/> in, from this station's capabilities to the far end's DIS.</summary>
    /// <exception cref="ArgumentException">The page has no size or no valid resolution.</exception>
    public static ModeDecision Choose(FaxCapabilities local, FaxCapabilities remote, PageRequirement page)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        if (page.Width <= 0 || page.Height < 0 || !page.Resolution.IsValid)
        {
            throw new ArgumentException($"page {page} has no usable size or resolution", nameof(page));
        }

        if (!remote.CanReceive)
        {
            return new ModeDecision.Incompatible(IncompatibilityReason.NotAReceiver);
        }

        SignallingRate? rate = FastestCommonRate(local.Modems, remote.Modems);
        if (rate is null)
        {
            return new ModeDecision.Incompatible(IncompatibilityReason.NoCommonModem);
        }

        bool ecm = local.SupportsEcm && remote.SupportsEcm;
        CodingScheme coding = ecm && local.Supports(CodingScheme.Mmr) && remote.Supports(CodingScheme.Mmr) ? CodingScheme.Mmr
            : local.Supports(CodingScheme.Mr) && remote.Supports(CodingScheme.Mr) ? CodingScheme.Mr
            : CodingScheme.Mh;

        (FaxResolution resolution, bool resample) = ChooseResolution(remote, page.Resolution);
        (FaxWidth width, bool reduce) = ChooseWidth(remote, page);
        (FaxLength length, bool tooLong) = ChooseLength(remote, page);
        MinimumScanLineTime scanLineTime = ecm
            ? MinimumScanLineTime.Ms0
            : remote.ScanLineTime.ForDensity(remote.SuperfineHalvesScanLineTime, resolution.Density());

        var dcs = new DcsParameters
        {
            Rate = rate.Value,
            Compression = coding,
            Ecm = ecm,
            Ecm64OctetFrames = ecm && remote.Prefers64OctetFrames,
            Resolution = resolution,
            Width = width,
            Length = length,
            MinScanLineTime = scanLineTime,
        };
        return new ModeDecision.Chosen(dcs, resample, reduce, tooLong);
    }

    /// <summary>The highest rate in both sets, V.17 before V.29 before V.27 ter; None means V.27 ter at 2400 only.</summary>
    public static SignallingRate? FastestCommonRate(ModemSet local, ModemSet remote)
    {
        for (SignallingRate? rate = SignallingRate.V17At14400; rate is not null; rate = rate.Value.FallBack())
        {
            if (Offers(local, rate.Value) && Offers(remote, rate.Value))
            {
                return rate;
            }
        }

        return null;
    }

    private static bool Offers(ModemSet modems, SignallingRate rate) =>
        modems == ModemSet.None ? rate == SignallingRate.V27ter2400 : (modems & rate.Modem()) != 0;

    private static (FaxResolution Resolution, bool Resample) ChooseResolution(FaxCapabilities remote, PageResolution page)
    {
        bool matched = FaxResolutions.TryFromPageResolution(page, out FaxResolution own);
        if (matched && remote.Accepts(own))
        {
            return (own, false);
        }

        // The finest one the receiver accepts that is no finer than the page on either axis; between a metric
        // resolution and its inch twin, the page's family, or the receiver's preference.
        bool inch = matched ? own.IsInchBased() : remote.PrefersInchResolution && !remote.PrefersMetricResolution;
        FaxResolution best = inch ? FaxResolution.Dpi200x100 : FaxResolution.Standard;
        foreach (FaxResolution candidate in Resolutions)
        {
            PageResolution r = candidate.ToPageResolution();
            if (!remote.Accepts(candidate)
                || r.X > page.X * (1 + FaxResolutions.Tolerance)
                || r.Y > page.Y * (1 + FaxResolutions.Tolerance))
            {
                continue;
            }

            int level = Level(candidate);
            if (level > Level(best) || (level == Level(best) && candidate.IsInchBased() == inch))
            {
                best = candidate;
            }
        }

        return (best, true);
    }

    // Metric resolutions and their inch twins share a level.
    private static int Level(FaxResolution resolution) => resolution.RequiredSupport() switch
    {
        ResolutionSupport.None => 0,
        ResolutionSupport.Fine => 1,
        ResolutionSupport.Superfine => 2,
        ResolutionSupport.Dpi300 => 3,
        _ => 4,
    };

    private static (FaxWidth Width, bool Reduce) ChooseWidth(FaxCapabilities remote, PageRequirement page)
    {
        double millimetres = page.Width * 25.4 / page.Resolution.X;
        bool known = FaxResolutions.TryFromPageResolution(page.Resolution, out FaxResolution own);
        FaxWidth needed = FaxWidth.A3;
        bool wider = true;
        foreach (FaxWidth width in (ReadOnlySpan<FaxWidth>)[FaxWidth.A4, FaxWidth.B4, FaxWidth.A3])
        {
            bool fits = known
                ? page.Width <= width.Pixels(own)
                : millimetres <= width.Millimetres() * (1 + SizeTolerance);
            if (fits)
            {
                needed = width;
                wider = false;
                break;
            }
        }

        return remote.MaxWidth.Includes(needed) ? (needed, wider) : (remote.MaxWidth, true);
    }

    private static (FaxLength Length, bool TooLong) ChooseLength(FaxCapabilities remote, PageRequirement page)
    {
        if (remote.MaxLength == FaxLength.Unlimited)
        {
            return (FaxLength.Unlimited, false);
        }

        double millimetres = page.Height * 25.4 / page.Resolution.Y;
        foreach (FaxLength length in (ReadOnlySpan<FaxLength>)[FaxLength.A4, FaxLength.B4])
        {
            if (length <= remote.MaxLength && millimetres <= length.Millimetres()!.Value * (1 + SizeTolerance))
            {
                return (length, false);
            }
        }

        return (remote.MaxLength, true);
    }
}
