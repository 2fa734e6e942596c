using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Faxgate.Imaging.Coding;

/// <summary>
/// Reads a coded bit stream most significant bit first through a 64-bit window. Past the end of
/// the data the reader supplies zero bits and <see cref="Overrun"/> says so: every code table maps
/// long runs of zeros to "invalid", so a decoder that runs off the end stops at once.
/// </summary>
internal ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private ulong _window;  // next bit in bit 63; bits below _count may already hold the following bits
    private int _count;     // valid bits in _window
    private int _next;      // next byte of _data to load (may run past the end: zero bytes)

    public BitReader(ReadOnlySpan<byte> data, long bitPosition)
    {
        _data = data;
        _next = (int)(bitPosition >> 3);
        Refill();
        Skip((int)(bitPosition & 7));
    }

    /// <summary>Bits consumed from the start of the data.</summary>
    public readonly long Position => ((long)_next << 3) - _count;

    public readonly long LengthInBits => (long)_data.Length << 3;

    /// <summary>The reader has handed out bits that lie past the end of the data.</summary>
    public readonly bool Overrun => Position > LengthInBits;

    public readonly bool AtEnd => Position >= LengthInBits;

    /// <summary>Makes at least 56 bits available.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Refill()
    {
        if (_count > 56)
        {
            return;
        }

        if (_next + 8 <= _data.Length)
        {
            ulong word = BinaryPrimitives.ReadUInt64BigEndian(_data[_next..]);
            _window |= word >> _count;
            int bytes = (63 - _count) >> 3;
            _next += bytes;
            _count += bytes << 3;
        }
        else
        {
            RefillTail();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Ensure(int bits)
    {
        if (_count < bits)
        {
            Refill();
        }
    }

    /// <summary>The next <paramref name="bits"/> bits (1..32) without consuming them; call <see cref="Ensure"/> first.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly uint Peek(int bits) => (uint)(_window >> (64 - bits));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int bits)
    {
        _window <<= bits;
        _count -= bits;
    }

    /// <summary>Zero bits before the next one bit, looking no further than the buffered bits.</summary>
    public readonly int LeadingZeros => Math.Min(BitOperations.LeadingZeroCount(_window), _count);

    /// <summary>Consumes zero bits until a one bit is next or the data has ended.</summary>
    public void SkipZeros()
    {
        while (!AtEnd)
        {
            Refill();
            int zeros = LeadingZeros;
            if (zeros == 0)
            {
                return;
            }

            Skip(zeros);
        }
    }

    /// <summary>Moves to the next byte boundary.</summary>
    public void AlignToByte()
    {
        int partial = (int)(Position & 7);
        if (partial != 0)
        {
            Ensure(8);
            Skip(8 - partial);
        }
    }

    private void RefillTail()
    {
        while (_count <= 56)
        {
            if (_next < _data.Length)
            {
                _window |= (ulong)_data[_next] << (56 - _count);
            }

            _next++;
            _count += 8;
        }
    }
}
