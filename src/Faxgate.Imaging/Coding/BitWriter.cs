using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Faxgate.Imaging.Coding;

/// <summary>Appends codes most significant bit first to a growing byte buffer.</summary>
internal sealed class BitWriter
{
    private byte[] _buffer;
    private int _length;     // whole bytes written
    private ulong _pending;  // the last _bits bits written, right-aligned
    private int _bits;       // 0..31

    public BitWriter(int capacity = 4096)
    {
        _buffer = new byte[Math.Max(capacity, 16)];
    }

    /// <summary>Bits written so far.</summary>
    public long BitPosition => ((long)_length << 3) + _bits;

    /// <summary>Makes room for at least <paramref name="bits"/> more bits without further checks.</summary>
    public void Reserve(long bits)
    {
        long needed = _length + (bits >> 3) + 16;
        if (needed > _buffer.Length)
        {
            long size = Math.Max(needed, (long)_buffer.Length * 2);
            if (size > Array.MaxLength)
            {
                throw new InvalidOperationException("coded page exceeds the largest possible buffer");
            }

            Array.Resize(ref _buffer, (int)size);
        }
    }

    /// <summary>Writes the low <paramref name="length"/> bits of <paramref name="code"/> (at most 32); space must be reserved.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Write(uint code, int length)
    {
        _pending = (_pending << length) | code;
        _bits += length;
        if (_bits >= 32)
        {
            _bits -= 32;
            BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(_length), (uint)(_pending >> _bits));
            _length += 4;
        }
    }

    /// <summary>Writes <paramref name="count"/> zero bits (any number); space must be reserved.</summary>
    public void WriteZeros(long count)
    {
        while (count > 0)
        {
            int n = (int)Math.Min(count, 32);
            Write(0, n);
            count -= n;
        }
    }

    /// <summary>Pads with zero bits to the next byte boundary.</summary>
    public void AlignToByte()
    {
        int partial = (int)(BitPosition & 7);
        if (partial != 0)
        {
            Write(0, 8 - partial);
        }
    }

    /// <summary>Pads to a byte boundary and returns the bytes written.</summary>
    public byte[] ToArray()
    {
        Reserve(64);
        AlignToByte();
        FlushWholeBytes();
        return _buffer.AsSpan(0, _length).ToArray();
    }

    private void FlushWholeBytes()
    {
        while (_bits >= 8)
        {
            _bits -= 8;
            _buffer[_length++] = (byte)(_pending >> _bits);
        }
    }
}
