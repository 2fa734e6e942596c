using System.Diagnostics.CodeAnalysis;
using Faxgate.Imaging.Coding;

namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// What a DCS commands (T.30 Table 2, DCS column): the signalling rate of TCF and the pages, the coding, ECM and
/// its frame size, and the page's resolution, width, length and minimum scan line time. Bits without a property
/// stay in <see cref="OtherBits"/>.
/// </summary>
public sealed record DcsParameters
{
    private static readonly int[] NamedBits =
    [
        Table2.ReceiverFaxOperation, Table2.SignallingRate, Table2.SignallingRate + 1, Table2.SignallingRate + 2,
        Table2.SignallingRate + 3, Table2.Fine, Table2.TwoDimensionalCoding, Table2.Width, Table2.Width + 1,
        Table2.Length, Table2.Length + 1, Table2.ScanLineTime, Table2.ScanLineTime + 1, Table2.ScanLineTime + 2,
        Table2.Ecm, Table2.FrameSize64, Table2.T6Coding, Table2.Superfine, Table2.Dpi300, Table2.UltraFine,
        Table2.Inch, Table2.Subaddressing, Table2.Password,
    ];

    /// <summary>Bits 11-14: the modem and rate. The DCS code points differ from the DIS ones.</summary>
    public SignallingRate Rate { get; init; }

    /// <summary>Bit 10: the receiver is to set itself to receive. Set in every DCS a transmitter sends.</summary>
    public bool ReceiveFax { get; init; } = true;

    /// <summary>Bits 16 (MR) and 31 (MMR); neither is MH.</summary>
    public CodingScheme Compression { get; init; }

    /// <summary>Bit 27: error correction mode.</summary>
    public bool Ecm { get; init; }

    /// <summary>Bit 28: 64-octet ECM frames instead of 256; meaningful only with ECM, and read as false without it.</summary>
    public bool Ecm64OctetFrames { get; init; }

    /// <summary>Bits 15, 41, 42, 43 and 44 (inch-based).</summary>
    public FaxResolution Resolution { get; init; }

    /// <summary>Bits 17-18. Code 11 reads as A3 (Table 2 note: treat it as 10).</summary>
    public FaxWidth Width { get; init; }

    /// <summary>Bits 19-20. Code 11 reads as unlimited.</summary>
    public FaxLength Length { get; init; }

    /// <summary>
    /// Bits 21-23. The codes a DCS may not hold (3, 5, 6) are read as their DIS meaning at 3.85 lines/mm
    /// (20, 40, 10 ms): a receiver has no use for the value beyond logging it.
    /// </summary>
    public MinimumScanLineTime MinScanLineTime { get; init; }

    /// <summary>Bit 49: a SUB frame is sent with this DCS.</summary>
    public bool SubaddressFollows { get; init; }

    /// <summary>Bit 50: a SID frame is sent with this DCS.</summary>
    public bool SenderIdFollows { get; init; }

    /// <summary>Every bit the properties do not name.</summary>
    public CapabilityBits OtherBits { get; init; }

    /// <summary>The FIF of the DCS, trimmed to the octets needed (at least 3) with the extend bits set.</summary>
    /// <exception cref="InvalidOperationException">MMR without ECM, which T.30 does not allow.</exception>
    public byte[] Encode()
    {
        if (Compression == CodingScheme.Mmr && !Ecm)
        {
            throw new InvalidOperationException("T.6 (MMR) coding is only sent with ECM");
        }

        int rateCode = Rate switch
        {
            SignallingRate.V27ter2400 => 0,
            SignallingRate.V29At9600 => 1,
            SignallingRate.V27ter4800 => 2,
            SignallingRate.V29At7200 => 3,
            SignallingRate.V17At14400 => 8,
            SignallingRate.V17At9600 => 9,
            SignallingRate.V17At12000 => 10,
            SignallingRate.V17At7200 => 11,
            _ => throw new InvalidOperationException($"unknown rate {Rate}"),
        };

        FaxResolution r = Resolution;
        CapabilityBits bits = OtherBits.Without(NamedBits)
            .With(Table2.ReceiverFaxOperation, ReceiveFax)
            .WithField(Table2.SignallingRate, 4, rateCode)
            .With(Table2.Fine, r is FaxResolution.Fine or FaxResolution.Dpi200x200)
            .With(Table2.TwoDimensionalCoding, Compression == CodingScheme.Mr)
            .WithField(Table2.Width, 2, (int)Width)
            .WithField(Table2.Length, 2, (int)Length)
            .WithField(Table2.ScanLineTime, 3, (int)MinScanLineTime)
            .With(Table2.Ecm, Ecm)
            .With(Table2.FrameSize64, Ecm && Ecm64OctetFrames)
            .With(Table2.T6Coding, Compression == CodingScheme.Mmr)
            .With(Table2.Superfine, r is FaxResolution.Superfine or FaxResolution.Dpi200x400)
            .With(Table2.Dpi300, r == FaxResolution.Dpi300x300)
            .With(Table2.UltraFine, r is FaxResolution.UltraFine or FaxResolution.Dpi400x400)
            .With(Table2.Inch, r.IsInchBased())
            .With(Table2.Subaddressing, SubaddressFollows)
            .With(Table2.Password, SenderIdFollows);
        return bits.ToFif();
    }

    /// <summary>
    /// Reads the FIF of a DCS. Refuses a rate code T.30 does not define for DCS, and T.6 without ECM. When more than
    /// one resolution bit is set the finest wins (43, 42, 41, then 15).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> fif, [NotNullWhen(true)] out DcsParameters? parameters, out CapabilityFieldError error)
    {
        parameters = null;
        if (!CapabilityBits.TryRead(fif, out CapabilityBits bits, out error))
        {
            return false;
        }

        SignallingRate? rate = bits.Field(Table2.SignallingRate, 4) switch
        {
            0 => SignallingRate.V27ter2400,
            1 => SignallingRate.V29At9600,
            2 => SignallingRate.V27ter4800,
            3 => SignallingRate.V29At7200,
            8 => SignallingRate.V17At14400,
            9 => SignallingRate.V17At9600,
            10 => SignallingRate.V17At12000,
            11 => SignallingRate.V17At7200,
            _ => null,
        };
        if (rate is null)
        {
            error = CapabilityFieldError.UnknownSignallingRate;
            return false;
        }

        bool ecm = bits[Table2.Ecm];
        if (bits[Table2.T6Coding] && !ecm)
        {
            error = CapabilityFieldError.T6WithoutEcm;
            return false;
        }

        bool inch = bits[Table2.Inch];
        FaxResolution resolution =
            bits[Table2.UltraFine] ? (inch ? FaxResolution.Dpi400x400 : FaxResolution.UltraFine)
            : bits[Table2.Dpi300] ? FaxResolution.Dpi300x300
            : bits[Table2.Superfine] ? (inch ? FaxResolution.Dpi200x400 : FaxResolution.Superfine)
            : bits[Table2.Fine] ? (inch ? FaxResolution.Dpi200x200 : FaxResolution.Fine)
            : inch ? FaxResolution.Dpi200x100 : FaxResolution.Standard;

        parameters = new DcsParameters
        {
            Rate = rate.Value,
            ReceiveFax = bits[Table2.ReceiverFaxOperation],
            Compression = bits[Table2.T6Coding] ? CodingScheme.Mmr
                : bits[Table2.TwoDimensionalCoding] ? CodingScheme.Mr : CodingScheme.Mh,
            Ecm = ecm,
            Ecm64OctetFrames = ecm && bits[Table2.FrameSize64],
            Resolution = resolution,
            Width = bits[Table2.Width + 1] ? FaxWidth.A3 : bits[Table2.Width] ? FaxWidth.B4 : FaxWidth.A4,
            Length = bits[Table2.Length + 1] ? FaxLength.Unlimited : bits[Table2.Length] ? FaxLength.B4 : FaxLength.A4,
            MinScanLineTime = bits.Field(Table2.ScanLineTime, 3) switch
            {
                0 or 3 => MinimumScanLineTime.Ms20,
                1 => MinimumScanLineTime.Ms5,
                2 or 6 => MinimumScanLineTime.Ms10,
                4 or 5 => MinimumScanLineTime.Ms40,
                _ => MinimumScanLineTime.Ms0,
            },
            SubaddressFollows = bits[Table2.Subaddressing],
            SenderIdFollows = bits[Table2.Password],
            OtherBits = bits.Without(NamedBits),
        };
        return true;
    }
}
