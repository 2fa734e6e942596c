using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// A facsimile coded data frame (T.4 A.3.3): 0xFF, control, FCD, the frame number within the partial page
/// (0..255), then up to 256 octets of coded data. The frame is read in place, without a copy; it is given
/// without its FCS, and only frames whose FCS was good (a frame with a bad FCS is a missing frame).
/// </summary>
public readonly ref struct FcdFrame
{
    /// <summary>Octets before the data: address, control, FCF, frame number.</summary>
    public const int Overhead = EcmFrames.HeaderLength + 1;

    private FcdFrame(int frameNumber, ReadOnlySpan<byte> data)
    {
        FrameNumber = frameNumber;
        Data = data;
    }

    /// <summary>The frame's place within its partial page, 0..255.</summary>
    public int FrameNumber { get; }

    /// <summary>The coded data, 0..256 octets.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Reads an FCD frame, or says what is wrong with it and where.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, out FcdFrame fcd, out EcmError error, out int offset)
    {
        fcd = default;
        error = EcmFrames.CheckHeader(frame, FacsimileControlField.Fcd, out offset);
        if (error != EcmError.None)
        {
            return false;
        }

        if (frame.Length < Overhead)
        {
            (error, offset) = (EcmError.TooShort, frame.Length);
            return false;
        }

        if (frame.Length > Overhead + EcmFrames.MaxFcdData)
        {
            (error, offset) = (EcmError.TooLong, Overhead + EcmFrames.MaxFcdData);
            return false;
        }

        fcd = new FcdFrame(frame[EcmFrames.HeaderLength], frame[Overhead..]);
        return true;
    }

    /// <summary>Reads an FCD frame; throws <see cref="EcmFormatException"/> when it is malformed.</summary>
    public static FcdFrame Parse(ReadOnlySpan<byte> frame) =>
        TryParse(frame, out FcdFrame fcd, out EcmError error, out int offset) ? fcd : throw new EcmFormatException(error, offset);

    /// <summary>True when the frame is an RCP frame (return to control for partial page, T.4 A.3.4).</summary>
    public static bool IsRcp(ReadOnlySpan<byte> frame) =>
        frame.Length == EcmFrames.HeaderLength && EcmFrames.CheckHeader(frame, FacsimileControlField.Rcp, out _) == EcmError.None;
}
