using Faxgate.Fax.T38.Ifp;

namespace Faxgate.Fax.T38.Udptl;

/// <summary>
/// Wraps IFP packets into UDPTL datagrams, one per packet, numbering them and adding the configured error recovery.
/// Sans-IO: the caller sends the datagrams. Under redundancy, the secondary packets that would push a datagram past
/// <see cref="UdptlSenderOptions.MaxDatagramSize"/> are left out, oldest first; under FEC the IFP size limit leaves
/// room for every entry, so receivers always see the full set their coverage arithmetic assumes.
/// </summary>
public sealed class UdptlSender
{
    private const int HistoryLength = 64;

    private readonly UdptlSenderOptions _options;
    private readonly byte[][] _history = new byte[HistoryLength][];
    private readonly int[] _historyLengths = new int[HistoryLength];
    private readonly byte[] _parity;
    private long _sent;

    public UdptlSender(UdptlSenderOptions? options = null)
    {
        _options = options ?? UdptlSenderOptions.Default;
        ArgumentOutOfRangeException.ThrowIfNegative(_options.RedundancyDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.RedundancyDepth, UdptlSenderOptions.MaxRedundancyDepth);
        if (_options.Recovery == UdptlRecoveryKind.Fec)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(_options.FecSpan, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(_options.FecEntries, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.FecSpan, 0x7F);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.FecEntries, 0x7F);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.FecSpan * _options.FecEntries, HistoryLength);
        }

        MaxIfpSize = ComputeMaxIfpSize(_options);
        if (MaxIfpSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.MaxDatagramSize, "the datagram size leaves no room for an IFP packet");
        }

        for (int i = 0; i < HistoryLength; i++)
        {
            _history[i] = new byte[MaxIfpSize];
        }

        _parity = new byte[MaxIfpSize];
        NextSequenceNumber = _options.FirstSequenceNumber;
    }

    /// <summary>The largest IFP packet this link can carry; the T.38 layer above must not produce larger ones.</summary>
    public int MaxIfpSize { get; }

    /// <summary>The largest datagram <see cref="Write(ReadOnlySpan{byte}, Span{byte}, int?)"/> produces, and the buffer size it needs.</summary>
    public int MaxDatagramSize => _options.MaxDatagramSize;

    /// <summary>Sequence number the next datagram gets.</summary>
    public ushort NextSequenceNumber { get; private set; }

    /// <summary>
    /// Wraps one IFP packet into the next datagram; returns its length. <paramref name="redundancyDepth"/> overrides
    /// the configured depth for this packet (terminals protect control packets more than image data).
    /// </summary>
    public int Write(ReadOnlySpan<byte> ifp, Span<byte> datagram, int? redundancyDepth = null)
    {
        if (ifp.IsEmpty || ifp.Length > MaxIfpSize)
        {
            throw new ArgumentException($"an IFP packet of {ifp.Length} octets; this link carries 1 to {MaxIfpSize}", nameof(ifp));
        }

        int depth = redundancyDepth ?? _options.RedundancyDepth;
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, UdptlSenderOptions.MaxRedundancyDepth);
        if (datagram.Length < _options.MaxDatagramSize)
        {
            throw new ArgumentException($"the datagram buffer needs {_options.MaxDatagramSize} octets", nameof(datagram));
        }

        ushort sequence = NextSequenceNumber;
        int p = 0;
        datagram[p++] = (byte)(sequence >> 8);
        datagram[p++] = (byte)sequence;
        p = WriteOctets(datagram, p, ifp);
        if (_options.Recovery == UdptlRecoveryKind.Redundancy)
        {
            datagram[p++] = 0x00;
            int countAt = p++;
            int count = 0;
            int available = (int)Math.Min(Math.Min(depth, _sent), HistoryLength);
            for (int i = 0; i < available; i++)
            {
                int slot = (int)((_sent - 1 - i) & (HistoryLength - 1));
                int length = _historyLengths[slot];
                if (p + UdptlPacket.LengthOf(length) + length > _options.MaxDatagramSize)
                {
                    break;
                }

                p = WriteOctets(datagram, p, _history[slot].AsSpan(0, length));
                count++;
            }

            datagram[countAt] = (byte)count;
        }
        else
        {
            p = WriteFec(datagram, p);
        }

        int own = (int)(_sent & (HistoryLength - 1));
        ifp.CopyTo(_history[own]);
        _historyLengths[own] = ifp.Length;
        _sent++;
        NextSequenceNumber = (ushort)(sequence + 1);
        return p;
    }

    /// <summary>Encodes <paramref name="packet"/> for <paramref name="version"/> and wraps it into the next datagram.</summary>
    public int Write(IfpPacket packet, int version, Span<byte> datagram, int? redundancyDepth = null)
    {
        ArgumentNullException.ThrowIfNull(packet);
        int length = packet.EncodedLength(version);
        Span<byte> ifp = length <= 512 ? stackalloc byte[length] : new byte[length];
        packet.Write(ifp, version);
        return Write(ifp, datagram, redundancyDepth);
    }

    private int WriteFec(Span<byte> datagram, int p)
    {
        // T.38 FEC: entry m of this datagram is the parity of packets n+m-S·E+k·E (k = 0..S-1); the first
        // S·E datagrams wind up with fewer entries, as no earlier packets exist.
        int span = _options.FecSpan;
        int entries = _options.FecEntries;
        if (_sent < span * entries)
        {
            entries = (int)(_sent / span);
            span = entries == 0 ? 0 : span;
        }

        datagram[p++] = 0x80;
        datagram[p++] = 1;
        datagram[p++] = (byte)span;
        datagram[p++] = (byte)entries;
        for (int m = 0; m < entries; m++)
        {
            int high = 0;
            for (int k = 0; k < span; k++)
            {
                long index = _sent + m - (span * entries) + (k * entries);
                int slot = (int)(index & (HistoryLength - 1));
                int length = _historyLengths[slot];
                ReadOnlySpan<byte> packet = _history[slot].AsSpan(0, length);
                int common = Math.Min(high, length);
                for (int j = 0; j < common; j++)
                {
                    _parity[j] ^= packet[j];
                }

                if (length > high)
                {
                    packet[high..].CopyTo(_parity.AsSpan(high));
                    high = length;
                }
            }

            p = WriteOctets(datagram, p, _parity.AsSpan(0, high));
        }

        return p;
    }

    private static int ComputeMaxIfpSize(UdptlSenderOptions options)
    {
        for (int length = Math.Min(options.MaxDatagramSize, UdptlPacket.MaxPacketLength); length > 0; length--)
        {
            int needed = 2 + UdptlPacket.LengthOf(length) + length + 1 + 1;
            if (options.Recovery == UdptlRecoveryKind.Fec)
            {
                needed += 2 + (options.FecEntries * (UdptlPacket.LengthOf(length) + length));
            }

            if (needed <= options.MaxDatagramSize)
            {
                return length;
            }
        }

        return 0;
    }

    private static int WriteOctets(Span<byte> destination, int p, ReadOnlySpan<byte> octets)
    {
        if (octets.Length < 0x80)
        {
            destination[p++] = (byte)octets.Length;
        }
        else
        {
            destination[p++] = (byte)(0x80 | (octets.Length >> 8));
            destination[p++] = (byte)octets.Length;
        }

        octets.CopyTo(destination[p..]);
        return p + octets.Length;
    }
}
