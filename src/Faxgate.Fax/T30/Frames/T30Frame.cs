using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Fax.T30.Frames;

/// <summary>
/// A T.30 control frame as HDLC carries it (T.30 5.3.5): address 0xFF, control 0x03 or 0x13 (final frame of a
/// transmission), the facsimile control field and the facsimile information field. The frame check sequence is
/// not part of it: the HDLC layer (or T.38, which carries frames without it) checks and strips it.
/// </summary>
public sealed class T30Frame
{
    /// <summary>The HDLC all-stations address every T.30 frame carries.</summary>
    public const byte Address = 0xFF;

    /// <summary>The control field of a frame that is not the last of its transmission.</summary>
    public const byte NonFinalControl = 0x03;

    /// <summary>The control field of the last frame of a transmission (the P/F bit set).</summary>
    public const byte FinalControl = 0x13;

    /// <summary>
    /// The longest FIF accepted: an ECM FCD frame's frame number and 256 octets of data (T.4 Annex A), the largest
    /// T.30 sends.
    /// </summary>
    public const int MaxFifLength = 257;

    private readonly byte[] _fif;

    /// <summary>A frame with the FCF's X bit set when <paramref name="x"/> and the FCF has one.</summary>
    public T30Frame(FacsimileControlField fcf, bool x, bool final, ReadOnlySpan<byte> fif)
        : this(fcf.WithX(x), final, fif)
    {
    }

    private T30Frame(byte fcfOctet, bool final, ReadOnlySpan<byte> fif)
    {
        if (fif.Length > MaxFifLength)
        {
            throw new ArgumentException($"the FIF is {fif.Length} octets, more than {MaxFifLength}", nameof(fif));
        }

        FcfOctet = fcfOctet;
        IsFinal = final;
        _fif = fif.ToArray();
    }

    /// <summary>The FCF octet as on the line, X bit included.</summary>
    public byte FcfOctet { get; }

    /// <summary>The facsimile control field, X bit removed (see <see cref="FacsimileControlFields.FromOctet"/>).</summary>
    public FacsimileControlField Fcf => FacsimileControlFields.FromOctet(FcfOctet);

    /// <summary>The X bit: the sender is the station that received a valid DIS. Always false for FCFs without one.</summary>
    public bool X => Fcf.HasXBit() && (FcfOctet & FacsimileControlFields.XBit) != 0;

    /// <summary>True for control 0x13: the last frame before the line turns around.</summary>
    public bool IsFinal { get; }

    /// <summary>The facsimile information field (may be empty).</summary>
    public ReadOnlySpan<byte> Fif => _fif;

    /// <summary>The number of octets <see cref="ToBytes"/> gives.</summary>
    public int Length => 3 + _fif.Length;

    /// <summary>Reads a frame (without FCS). The FIF is copied; the FCF octet may be any value.</summary>
    public static bool TryParse(ReadOnlySpan<byte> frame, [NotNullWhen(true)] out T30Frame? result, out T30FrameError error)
    {
        result = null;
        if (frame.Length < 3)
        {
            error = frame.Length >= 1 && frame[0] != Address ? T30FrameError.BadAddress
                : frame.Length >= 2 && frame[1] is not (NonFinalControl or FinalControl) ? T30FrameError.BadControl
                : T30FrameError.TooShort;
            return false;
        }

        if (frame[0] != Address)
        {
            error = T30FrameError.BadAddress;
            return false;
        }

        if (frame[1] is not (NonFinalControl or FinalControl))
        {
            error = T30FrameError.BadControl;
            return false;
        }

        if (frame.Length - 3 > MaxFifLength)
        {
            error = T30FrameError.FifTooLong;
            return false;
        }

        result = new T30Frame(frame[2], frame[1] == FinalControl, frame[3..]);
        error = T30FrameError.None;
        return true;
    }

    /// <summary>The frame's octets, address first, without FCS.</summary>
    public byte[] ToBytes()
    {
        byte[] bytes = new byte[Length];
        Write(bytes, FcfOctet, IsFinal, _fif);
        return bytes;
    }

    /// <summary>The octets of a frame, without FCS, without making a <see cref="T30Frame"/>.</summary>
    public static byte[] Build(FacsimileControlField fcf, bool x, bool final, ReadOnlySpan<byte> fif)
    {
        if (fif.Length > MaxFifLength)
        {
            throw new ArgumentException($"the FIF is {fif.Length} octets, more than {MaxFifLength}", nameof(fif));
        }

        byte[] bytes = new byte[3 + fif.Length];
        Write(bytes, fcf.WithX(x), final, fif);
        return bytes;
    }

    public override string ToString() =>
        $"{Fcf}{(X ? " X" : "")}{(IsFinal ? " final" : "")} [{Convert.ToHexString(_fif)}]";

    private static void Write(Span<byte> destination, byte fcfOctet, bool final, ReadOnlySpan<byte> fif)
    {
        destination[0] = Address;
        destination[1] = final ? FinalControl : NonFinalControl;
        destination[2] = fcfOctet;
        fif.CopyTo(destination[3..]);
    }
}
