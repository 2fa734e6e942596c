using System.Numerics;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>
/// The FIF of a PPR (partial page request) response, T.30 5.3.6.2 and Annex A: 256 bits in 32 octets, one per
/// frame number of the partial page, set for a frame that must be sent again. Bits go on the line first bit
/// first and HDLC sends each octet least significant bit first, so frame n is bit (n % 8) of octet n / 8:
/// a map asking for frames 4..7 starts 0xF0.
/// </summary>
public sealed class PprBitmap : IEquatable<PprBitmap>
{
    /// <summary>Octets in the FIF.</summary>
    public const int Length = 32;

    /// <summary>Frame numbers a map covers.</summary>
    public const int Frames = Length * 8;

    private readonly byte[] _bits;

    private PprBitmap(byte[] bits)
    {
        _bits = bits;
    }

    /// <summary>A map that asks for nothing.</summary>
    public static PprBitmap Empty { get; } = new(new byte[Length]);

    /// <summary>Frames asked for, over all 256 frame numbers.</summary>
    public int RequestedCount => CountRequested(Frames);

    /// <summary>A map asking for the given frame numbers (0..255).</summary>
    public static PprBitmap ForFrames(IEnumerable<int> frameNumbers)
    {
        ArgumentNullException.ThrowIfNull(frameNumbers);
        var bits = new byte[Length];
        foreach (int frame in frameNumbers)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(frame);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, Frames);
            bits[frame >> 3] |= (byte)(1 << (frame & 7));
        }

        return new PprBitmap(bits);
    }

    /// <summary>Reads a PPR FIF, which must be exactly 32 octets, or says what is wrong and at which octet.</summary>
    public static bool TryParse(ReadOnlySpan<byte> fif, out PprBitmap? ppr, out EcmError error, out int offset)
    {
        ppr = null;
        (error, offset) = EcmFrames.CheckLength(fif, Length);
        if (error != EcmError.None)
        {
            return false;
        }

        ppr = new PprBitmap(fif.ToArray());
        return true;
    }

    /// <summary>Reads a PPR FIF; throws <see cref="EcmFormatException"/> when it is malformed.</summary>
    public static PprBitmap Parse(ReadOnlySpan<byte> fif) =>
        TryParse(fif, out PprBitmap? ppr, out EcmError error, out int offset) ? ppr! : throw new EcmFormatException(error, offset);

    /// <summary>True when frame <paramref name="frameNumber"/> (0..255) must be sent again.</summary>
    public bool IsRequested(int frameNumber)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameNumber);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frameNumber, Frames);
        return (_bits[frameNumber >> 3] & (1 << (frameNumber & 7))) != 0;
    }

    /// <summary>
    /// Frames asked for among frame numbers 0..<paramref name="frameCount"/>-1. Some receivers also set the bits
    /// past the end of a short block; those ask for nothing.
    /// </summary>
    public int CountRequested(int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameCount, Frames);
        int count = 0;
        int whole = frameCount >> 3;
        for (int i = 0; i < whole; i++)
        {
            count += BitOperations.PopCount(_bits[i]);
        }

        if ((frameCount & 7) != 0)
        {
            count += BitOperations.PopCount((uint)(_bits[whole] & ((1 << (frameCount & 7)) - 1)));
        }

        return count;
    }

    /// <summary>The 32 FIF octets.</summary>
    public byte[] ToFif() => (byte[])_bits.Clone();

    /// <summary>Writes the 32 FIF octets.</summary>
    public void CopyTo(Span<byte> destination) => _bits.CopyTo(destination);

    public bool Equals(PprBitmap? other) => other is not null && _bits.AsSpan().SequenceEqual(other._bits);

    public override bool Equals(object? obj) => Equals(obj as PprBitmap);

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        hash.AddBytes(_bits);
        return hash.ToHashCode();
    }
}
