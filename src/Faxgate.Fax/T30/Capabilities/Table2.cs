namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// Bit numbers of T.30 Table 2 that this code gives names to. Where DIS/DTC and DCS differ the name says which.
/// Every other bit is carried through untouched in <see cref="FaxCapabilities.OtherBits"/> and
/// <see cref="DcsParameters.OtherBits"/>.
/// </summary>
internal static class Table2
{
    /// <summary>DIS/DTC: 64-octet ECM frames preferred (DCS: reserved; DCS says the size in bit 28).</summary>
    public const int Prefers64OctetFrames = 7;

    /// <summary>DIS/DTC: a document is ready to be polled.</summary>
    public const int ReadyToTransmit = 9;

    /// <summary>DIS/DTC: can receive; DCS: the receiver is to receive.</summary>
    public const int ReceiverFaxOperation = 10;

    /// <summary>Bits 11-14, the data signalling rate; the code points of DIS/DTC and of DCS differ.</summary>
    public const int SignallingRate = 11;

    /// <summary>R8 x 7.7 lines/mm and/or 200 x 200 pels/25.4 mm.</summary>
    public const int Fine = 15;

    /// <summary>Two-dimensional coding (T.4 MR).</summary>
    public const int TwoDimensionalCoding = 16;

    /// <summary>Bits 17-18, recording width.</summary>
    public const int Width = 17;

    /// <summary>Bits 19-20, recording length.</summary>
    public const int Length = 19;

    /// <summary>Bits 21-23, minimum scan line time.</summary>
    public const int ScanLineTime = 21;

    /// <summary>Error correction mode.</summary>
    public const int Ecm = 27;

    /// <summary>DCS: 64-octet ECM frames (0: 256 octets).</summary>
    public const int FrameSize64 = 28;

    /// <summary>T.6 coding (MMR).</summary>
    public const int T6Coding = 31;

    /// <summary>DIS/DTC: polled subaddress capability.</summary>
    public const int PolledSubaddress = 35;

    /// <summary>R8 x 15.4 lines/mm (and 200 x 400 pels/25.4 mm).</summary>
    public const int Superfine = 41;

    /// <summary>300 x 300 pels/25.4 mm.</summary>
    public const int Dpi300 = 42;

    /// <summary>R16 x 15.4 lines/mm and/or 400 x 400 pels/25.4 mm.</summary>
    public const int UltraFine = 43;

    /// <summary>DIS/DTC: inch-based resolution preferred; DCS: the resolution is inch-based.</summary>
    public const int Inch = 44;

    /// <summary>DIS/DTC: metric-based resolution preferred.</summary>
    public const int MetricPreferred = 45;

    /// <summary>DIS/DTC: the minimum scan line time at 15.4 lines/mm is half the one at 7.7.</summary>
    public const int SuperfineHalvesScanLineTime = 46;

    /// <summary>DIS/DTC: selective polling capability.</summary>
    public const int SelectivePolling = 47;

    /// <summary>DIS/DTC: subaddressing capability; DCS: SUB is sent.</summary>
    public const int Subaddressing = 49;

    /// <summary>DIS/DTC: password capability; DCS: SID is sent.</summary>
    public const int Password = 50;
}
