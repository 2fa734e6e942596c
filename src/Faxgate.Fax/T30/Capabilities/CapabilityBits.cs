using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Fax.T30.Capabilities;

/// <summary>
/// The bits of a DIS, DTC or DCS FIF, numbered 1 up as in T.30 Table 2: bit n is in octet (n - 1) / 8 under mask
/// 1 &lt;&lt; ((n - 1) % 8). From bit 24 every eighth bit is the "extend field" bit, set when another octet follows;
/// this type keeps those bits clear and sets them only when it writes a FIF. Immutable; the default value has no
/// bit set.
/// </summary>
public readonly struct CapabilityBits : IEquatable<CapabilityBits>
{
    /// <summary>The fewest octets a FIF has (bits 1 to 24).</summary>
    public const int MinOctets = 3;

    /// <summary>The most octets read: T.30 defines fewer than 20, and a longer chain of extend bits is refused.</summary>
    public const int MaxOctets = 32;

    /// <summary>The highest bit number.</summary>
    public const int MaxBit = MaxOctets * 8;

    private readonly byte[]? _octets;

    private CapabilityBits(byte[] octets) => _octets = octets;

    /// <summary>Whether bit <paramref name="bit"/> (1-based) is set.</summary>
    public bool this[int bit]
    {
        get
        {
            CheckBit(bit);
            return _octets is not null && (_octets[(bit - 1) >> 3] & (1 << ((bit - 1) & 7))) != 0;
        }
    }

    /// <summary>True when no bit is set.</summary>
    public bool IsEmpty => _octets is null || Array.TrueForAll(_octets, b => b == 0);

    /// <summary>True for bit 24 and every eighth bit after it.</summary>
    public static bool IsExtensionBit(int bit) => bit >= 24 && bit % 8 == 0;

    /// <summary>A copy with bit <paramref name="bit"/> set or cleared. Extension bits cannot be set.</summary>
    public CapabilityBits With(int bit, bool value)
    {
        CheckBit(bit);
        if (IsExtensionBit(bit))
        {
            throw new ArgumentOutOfRangeException(nameof(bit), bit, "extend field bits are written by ToFif");
        }

        byte[] octets = _octets is null ? new byte[MaxOctets] : (byte[])_octets.Clone();
        byte mask = (byte)(1 << ((bit - 1) & 7));
        octets[(bit - 1) >> 3] = (byte)(value ? octets[(bit - 1) >> 3] | mask : octets[(bit - 1) >> 3] & ~mask);
        return new CapabilityBits(octets);
    }

    /// <summary>A copy without the bits in <paramref name="bits"/>.</summary>
    public CapabilityBits Without(ReadOnlySpan<int> bits)
    {
        CapabilityBits result = this;
        foreach (int bit in bits)
        {
            if (result[bit])
            {
                result = result.With(bit, false);
            }
        }

        return result;
    }

    /// <summary>
    /// The number in bits <paramref name="firstBit"/> .. firstBit + count - 1, the first bit the least significant
    /// (the way Table 2's multi-bit fields are read: bits 11-14 "0 1 0 0", bit 11 first, is 2).
    /// </summary>
    public int Field(int firstBit, int count)
    {
        int value = 0;
        for (int i = 0; i < count; i++)
        {
            value |= this[firstBit + i] ? 1 << i : 0;
        }

        return value;
    }

    /// <summary>A copy with the field of <see cref="Field"/> set to <paramref name="value"/>.</summary>
    public CapabilityBits WithField(int firstBit, int count, int value)
    {
        CapabilityBits result = this;
        for (int i = 0; i < count; i++)
        {
            result = result.With(firstBit + i, ((value >> i) & 1) != 0);
        }

        return result;
    }

    /// <summary>The numbers of the set bits, lowest first.</summary>
    public IEnumerable<int> SetBits()
    {
        for (int bit = 1; bit <= MaxBit; bit++)
        {
            if (this[bit])
            {
                yield return bit;
            }
        }
    }

    /// <summary>
    /// Reads a FIF. Octets are taken while the extend bit of the one before says another follows; octets after the
    /// last one are ignored, and a FIF that ends while its extend bit promised more is read as far as it goes.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> fif, out CapabilityBits bits, out CapabilityFieldError error)
    {
        bits = default;
        if (fif.Length < MinOctets)
        {
            error = CapabilityFieldError.TooShort;
            return false;
        }

        int count = MinOctets;
        while (count < fif.Length && (fif[count - 1] & 0x80) != 0)
        {
            if (count == MaxOctets)
            {
                error = CapabilityFieldError.TooLong;
                return false;
            }

            count++;
        }

        byte[] octets = new byte[MaxOctets];
        fif[..count].CopyTo(octets);
        for (int i = MinOctets - 1; i < MaxOctets; i++)
        {
            octets[i] &= 0x7F;
        }

        bits = new CapabilityBits(octets);
        error = CapabilityFieldError.None;
        return true;
    }

    /// <summary>
    /// The FIF: at least 3 octets, as many more as the highest set bit needs, each extend bit set when another
    /// octet follows.
    /// </summary>
    public byte[] ToFif()
    {
        int count = MinOctets;
        if (_octets is not null)
        {
            for (int i = MaxOctets - 1; i >= MinOctets; i--)
            {
                if (_octets[i] != 0)
                {
                    count = i + 1;
                    break;
                }
            }
        }

        byte[] fif = new byte[count];
        _octets?.AsSpan(0, count).CopyTo(fif);
        for (int i = MinOctets - 1; i < count - 1; i++)
        {
            fif[i] |= 0x80;
        }

        return fif;
    }

    public bool Equals(CapabilityBits other) =>
        (_octets ?? Empty).AsSpan().SequenceEqual(other._octets ?? Empty);

    public override bool Equals([NotNullWhen(true)] object? obj) => obj is CapabilityBits other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_octets ?? Empty);
        return hash.ToHashCode();
    }

    public static bool operator ==(CapabilityBits left, CapabilityBits right) => left.Equals(right);

    public static bool operator !=(CapabilityBits left, CapabilityBits right) => !left.Equals(right);

    public override string ToString() => IsEmpty ? "none" : "bits " + string.Join(",", SetBits());

    private static readonly byte[] Empty = new byte[MaxOctets];

    private static void CheckBit(int bit)
    {
        if (bit is < 1 or > MaxBit)
        {
            throw new ArgumentOutOfRangeException(nameof(bit), bit, $"T.30 Table 2 bits here are numbered 1 to {MaxBit}");
        }
    }
}
