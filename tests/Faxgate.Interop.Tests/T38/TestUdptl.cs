namespace Faxgate.Interop.Tests.T38;

/// <summary>
/// A deliberately small UDPTL framing (T.38 clause 9.1: seq-number, primary IFP as an open type, redundancy as a
/// sequence of earlier IFPs, most recent first) for the SpanDSP side of interop calls, written apart from Faxgate's
/// own UDPTL code so that a mistake in one is not mirrored by the other.
/// </summary>
internal sealed class TestUdptl(int redundancy)
{
    private readonly List<byte[]> _history = [];
    private ushort _nextSequence;
    private int _expected = -1;

    public int Lost { get; private set; }

    public int Recovered { get; private set; }

    public byte[] Wrap(ReadOnlySpan<byte> ifp)
    {
        var datagram = new List<byte>(ifp.Length + 16);
        datagram.Add((byte)(_nextSequence >> 8));
        datagram.Add((byte)_nextSequence);
        _nextSequence++;
        AddOpenType(datagram, ifp);
        datagram.Add(0x00); // error-recovery: secondary-ifp-packets
        int count = Math.Min(redundancy, _history.Count);
        datagram.Add((byte)count);
        for (int i = 0; i < count; i++)
        {
            AddOpenType(datagram, _history[i]);
        }

        _history.Insert(0, ifp.ToArray());
        if (_history.Count > 16)
        {
            _history.RemoveAt(_history.Count - 1);
        }

        return [.. datagram];
    }

    /// <summary>The IFPs a datagram brings, in sequence order: recovered earlier ones first, then its primary.</summary>
    public IEnumerable<(ushort Sequence, byte[] Ifp)> Unwrap(byte[] datagram)
    {
        if (datagram.Length < 4)
        {
            yield break;
        }

        int sequence = (datagram[0] << 8) | datagram[1];
        int offset = 2;
        byte[]? primary = ReadOpenType(datagram, ref offset);
        if (primary is null)
        {
            yield break;
        }

        var secondary = new List<byte[]>();
        if (offset < datagram.Length && datagram[offset] == 0x00 && offset + 1 < datagram.Length)
        {
            int count = datagram[offset + 1];
            offset += 2;
            for (int i = 0; i < count; i++)
            {
                byte[]? entry = ReadOpenType(datagram, ref offset);
                if (entry is null)
                {
                    break;
                }

                secondary.Add(entry);
            }
        }

        if (_expected >= 0)
        {
            int ahead = (ushort)(sequence - _expected);
            if (ahead >= 0x8000)
            {
                yield break; // late or duplicate
            }

            for (int missing = _expected; (ushort)(sequence - missing) is > 0 and < 0x8000; missing = (ushort)(missing + 1))
            {
                int back = (ushort)(sequence - missing) - 1;
                if (back < secondary.Count)
                {
                    Recovered++;
                    yield return ((ushort)missing, secondary[back]);
                }
                else
                {
                    Lost++;
                }
            }
        }

        _expected = (ushort)(sequence + 1);
        yield return ((ushort)sequence, primary);
    }

    private static void AddOpenType(List<byte> datagram, ReadOnlySpan<byte> data)
    {
        if (data.Length < 0x80)
        {
            datagram.Add((byte)data.Length);
        }
        else
        {
            datagram.Add((byte)(0x80 | (data.Length >> 8)));
            datagram.Add((byte)data.Length);
        }

        foreach (byte b in data)
        {
            datagram.Add(b);
        }
    }

    private static byte[]? ReadOpenType(byte[] datagram, ref int offset)
    {
        if (offset >= datagram.Length)
        {
            return null;
        }

        int length = datagram[offset++];
        if ((length & 0x80) != 0)
        {
            if (offset >= datagram.Length || (length & 0x40) != 0)
            {
                return null;
            }

            length = ((length & 0x3F) << 8) | datagram[offset++];
        }

        if (offset + length > datagram.Length)
        {
            return null;
        }

        byte[] data = datagram.AsSpan(offset, length).ToArray();
        offset += length;
        return data;
    }
}
