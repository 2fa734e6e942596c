using System.Diagnostics.CodeAnalysis;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// What a DIS or DTC says a station can do (T.30 Table 2). The bits this type names are properties; all others
/// (T.37, T.38, colour, BFT, security, ...) stay in <see cref="OtherBits"/> so that decoding and encoding again
/// loses nothing. DIS and DTC share the coding.
/// </summary>
public sealed record FaxCapabilities
{
    private static readonly int[] NamedBits =
    [
        Table2.Prefers64OctetFrames, Table2.ReadyToTransmit, Table2.ReceiverFaxOperation,
        Table2.SignallingRate, Table2.SignallingRate + 1, Table2.SignallingRate + 3, Table2.Fine,
        Table2.TwoDimensionalCoding, Table2.Width, Table2.Width + 1, Table2.Length, Table2.Length + 1,
        Table2.ScanLineTime, Table2.ScanLineTime + 1, Table2.ScanLineTime + 2, Table2.Ecm, Table2.T6Coding,
        Table2.PolledSubaddress, Table2.Superfine, Table2.Dpi300, Table2.UltraFine, Table2.Inch,
        Table2.MetricPreferred, Table2.SuperfineHalvesScanLineTime, Table2.SelectivePolling, Table2.Subaddressing,
        Table2.Password,
    ];

    /// <summary>
    /// The modems offered (bits 11-14). <see cref="ModemSet.None"/> is the "V.27 ter fall-back mode": 2400 bit/s only.
    /// T.30 has code points for None, V.27 ter, V.29, both, and all three; V.17 always comes with the other two.
    /// Decoding is lenient (bit 11 V.29, bit 12 V.27 ter, bit 14 V.17); bit 13 (V.33, now reserved) stays in
    /// <see cref="OtherBits"/>.
    /// </summary>
    public ModemSet Modems { get; init; }

    /// <summary>Bit 10: the station can receive a fax.</summary>
    public bool CanReceive { get; init; }

    /// <summary>Bit 9: the station has a document ready to be polled.</summary>
    public bool ReadyToTransmit { get; init; }

    /// <summary>Bit 16: T.4 two-dimensional coding (MR). MH is always supported.</summary>
    public bool SupportsMr { get; init; }

    /// <summary>Bit 31: T.6 coding (MMR), used only with ECM.</summary>
    public bool SupportsMmr { get; init; }

    /// <summary>Bit 27: error correction mode (T.30 Annex A).</summary>
    public bool SupportsEcm { get; init; }

    /// <summary>Bit 7: 64-octet ECM frames preferred (else 256).</summary>
    public bool Prefers64OctetFrames { get; init; }

    /// <summary>Bits 15, 41, 42, 43: the resolutions accepted beyond the normal one.</summary>
    public ResolutionSupport Resolutions { get; init; }

    /// <summary>Bit 44: inch-based resolution preferred.</summary>
    public bool PrefersInchResolution { get; init; }

    /// <summary>Bit 45: metric-based resolution preferred.</summary>
    public bool PrefersMetricResolution { get; init; }

    /// <summary>Bits 17-18: the widest scan line accepted; narrower ones are accepted too. Code 11 reads as A3 (Table 2 note).</summary>
    public FaxWidth MaxWidth { get; init; }

    /// <summary>Bits 19-20: the longest page accepted (B4 means A4 and B4). Code 11 reads as unlimited.</summary>
    public FaxLength MaxLength { get; init; }

    /// <summary>Bits 21-23: the receiver's minimum scan line time.</summary>
    public ScanLineTimeCapability ScanLineTime { get; init; }

    /// <summary>Bit 46: at 15.4 lines/mm the minimum scan line time is half the one at 7.7 lines/mm.</summary>
    public bool SuperfineHalvesScanLineTime { get; init; }

    /// <summary>Bit 49: subaddressing (SUB) capability.</summary>
    public bool Subaddressing { get; init; }

    /// <summary>Bit 50: password (PWD) capability; in a DTC, a PWD is sent.</summary>
    public bool Password { get; init; }

    /// <summary>Bit 47: selective polling (SEP) capability; in a DTC, a SEP is sent.</summary>
    public bool SelectivePolling { get; init; }

    /// <summary>Bit 35: polled subaddress capability.</summary>
    public bool PolledSubaddressing { get; init; }

    /// <summary>Every bit the properties above do not name, as received or to be sent.</summary>
    public CapabilityBits OtherBits { get; init; }

    /// <summary>Whether the station can receive the coding (MH always; MMR only with ECM).</summary>
    public bool Supports(CodingScheme scheme) => scheme switch
    {
        CodingScheme.Mh => true,
        CodingScheme.Mr => SupportsMr,
        CodingScheme.Mmr => SupportsMmr && SupportsEcm,
        _ => false,
    };

    /// <summary>Whether the station accepts pages in the resolution (a metric one and its inch twin share a bit).</summary>
    public bool Accepts(FaxResolution resolution)
    {
        ResolutionSupport needed = resolution.RequiredSupport();
        return (Resolutions & needed) == needed;
    }

    /// <summary>The FIF of a DIS or DTC, trimmed to the octets needed (at least 3) with the extend bits set.</summary>
    /// <exception cref="InvalidOperationException"><see cref="Modems"/> has no T.30 code point (V.17 without the others).</exception>
    public byte[] EncodeDis()
    {
        int modemCode = Modems switch
        {
            ModemSet.None => 0,
            ModemSet.V29 => 1,
            ModemSet.V27ter => 2,
            ModemSet.V27ter | ModemSet.V29 => 3,
            ModemSet.All => 0x0B,
            _ => throw new InvalidOperationException($"T.30 has no DIS code for the modems {Modems}; V.17 comes with V.29 and V.27 ter"),
        };

        CapabilityBits bits = OtherBits.Without(NamedBits)
            .With(Table2.Prefers64OctetFrames, Prefers64OctetFrames)
            .With(Table2.ReadyToTransmit, ReadyToTransmit)
            .With(Table2.ReceiverFaxOperation, CanReceive)
            .WithField(Table2.SignallingRate, 2, modemCode & 3)
            .With(Table2.SignallingRate + 3, (modemCode & 8) != 0)
            .With(Table2.Fine, Resolutions.HasFlag(ResolutionSupport.Fine))
            .With(Table2.TwoDimensionalCoding, SupportsMr)
            .WithField(Table2.Width, 2, (int)MaxWidth)
            .WithField(Table2.Length, 2, (int)MaxLength)
            .WithField(Table2.ScanLineTime, 3, (int)ScanLineTime)
            .With(Table2.Ecm, SupportsEcm)
            .With(Table2.T6Coding, SupportsMmr)
            .With(Table2.PolledSubaddress, PolledSubaddressing)
            .With(Table2.Superfine, Resolutions.HasFlag(ResolutionSupport.Superfine))
            .With(Table2.Dpi300, Resolutions.HasFlag(ResolutionSupport.Dpi300))
            .With(Table2.UltraFine, Resolutions.HasFlag(ResolutionSupport.UltraFine))
            .With(Table2.Inch, PrefersInchResolution)
            .With(Table2.MetricPreferred, PrefersMetricResolution)
            .With(Table2.SuperfineHalvesScanLineTime, SuperfineHalvesScanLineTime)
            .With(Table2.SelectivePolling, SelectivePolling)
            .With(Table2.Subaddressing, Subaddressing)
            .With(Table2.Password, Password);
        return bits.ToFif();
    }

    /// <summary>Reads the FIF of a DIS or DTC. Unknown and reserved bits are kept in <see cref="OtherBits"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> fif, [NotNullWhen(true)] out FaxCapabilities? capabilities, out CapabilityFieldError error)
    {
        capabilities = null;
        if (!CapabilityBits.TryRead(fif, out CapabilityBits bits, out error))
        {
            return false;
        }

        ModemSet modems = (bits[Table2.SignallingRate] ? ModemSet.V29 : ModemSet.None)
            | (bits[Table2.SignallingRate + 1] ? ModemSet.V27ter : ModemSet.None)
            | (bits[Table2.SignallingRate + 3] ? ModemSet.V17 : ModemSet.None);
        capabilities = new FaxCapabilities
        {
            Modems = modems,
            CanReceive = bits[Table2.ReceiverFaxOperation],
            ReadyToTransmit = bits[Table2.ReadyToTransmit],
            SupportsMr = bits[Table2.TwoDimensionalCoding],
            SupportsMmr = bits[Table2.T6Coding],
            SupportsEcm = bits[Table2.Ecm],
            Prefers64OctetFrames = bits[Table2.Prefers64OctetFrames],
            Resolutions = (bits[Table2.Fine] ? ResolutionSupport.Fine : ResolutionSupport.None)
                | (bits[Table2.Superfine] ? ResolutionSupport.Superfine : ResolutionSupport.None)
                | (bits[Table2.Dpi300] ? ResolutionSupport.Dpi300 : ResolutionSupport.None)
                | (bits[Table2.UltraFine] ? ResolutionSupport.UltraFine : ResolutionSupport.None),
            PrefersInchResolution = bits[Table2.Inch],
            PrefersMetricResolution = bits[Table2.MetricPreferred],
            MaxWidth = bits[Table2.Width + 1] ? FaxWidth.A3 : bits[Table2.Width] ? FaxWidth.B4 : FaxWidth.A4,
            MaxLength = bits[Table2.Length + 1] ? FaxLength.Unlimited : bits[Table2.Length] ? FaxLength.B4 : FaxLength.A4,
            ScanLineTime = (ScanLineTimeCapability)bits.Field(Table2.ScanLineTime, 3),
            SuperfineHalvesScanLineTime = bits[Table2.SuperfineHalvesScanLineTime],
            Subaddressing = bits[Table2.Subaddressing],
            Password = bits[Table2.Password],
            SelectivePolling = bits[Table2.SelectivePolling],
            PolledSubaddressing = bits[Table2.PolledSubaddress],
            OtherBits = bits.Without(NamedBits),
        };
        return true;
    }
}
