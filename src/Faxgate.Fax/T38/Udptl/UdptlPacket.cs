using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Fax.T38.Udptl;

/// <summary>
/// A UDPTL datagram (T.38 clause 9.1, ASN.1 UDPTLPacket in ALIGNED PER): a 16-bit sequence number, the primary IFP
/// packet as an open type, and error recovery: either secondary IFP packets (the previous packets, most recent
/// first: seq-1, seq-2, ...) or fec-info (fec-npackets, then XOR parity entries). With FEC of span S and E entries,
/// entry m of datagram n is the parity of packets n+m-S·E, n+m-S·E+E, ..., n+m-E, each zero-padded to the longest.
/// </summary>
public sealed class UdptlPacket
{
    /// <summary>Longest packet a two-octet length determinant can state (no fragmentation).</summary>
    public const int MaxPacketLength = 0x3FFF;

    private static readonly ReadOnlyMemory<byte>[] None = [];
    private readonly ReadOnlyMemory<byte>[] _entries;

    private UdptlPacket(ushort sequenceNumber, ReadOnlyMemory<byte> primary, UdptlRecoveryKind recovery, int fecSpan, ReadOnlyMemory<byte>[] entries)
    {
        SequenceNumber = sequenceNumber;
        PrimaryIfp = primary;
        Recovery = recovery;
        FecSpan = fecSpan;
        _entries = entries;
    }

    public ushort SequenceNumber { get; }

    /// <summary>The encoded IFP packet this datagram carries.</summary>
    public ReadOnlyMemory<byte> PrimaryIfp { get; }

    public UdptlRecoveryKind Recovery { get; }

    /// <summary>Secondary IFP packets, most recent first (packet <c>SequenceNumber - 1 - i</c> at index i); empty under FEC.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> SecondaryIfpPackets => Recovery == UdptlRecoveryKind.Redundancy ? _entries : None;

    /// <summary>fec-npackets: how many packets each FEC entry covers; 0 under redundancy.</summary>
    public int FecSpan { get; }

    /// <summary>The FEC parity entries; empty under redundancy.</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> FecData => Recovery == UdptlRecoveryKind.Fec ? _entries : None;

    public static UdptlPacket WithRedundancy(ushort sequenceNumber, ReadOnlyMemory<byte> primary, params ReadOnlyMemory<byte>[] secondaries)
    {
        ArgumentNullException.ThrowIfNull(secondaries);
        CheckIfp(primary, nameof(primary));
        foreach (ReadOnlyMemory<byte> secondary in secondaries)
        {
            CheckIfp(secondary, nameof(secondaries));
        }

        return new UdptlPacket(sequenceNumber, primary, UdptlRecoveryKind.Redundancy, 0, secondaries.Length == 0 ? None : [.. secondaries]);
    }

    public static UdptlPacket WithFec(ushort sequenceNumber, ReadOnlyMemory<byte> primary, int fecSpan, params ReadOnlyMemory<byte>[] fecData)
    {
        ArgumentNullException.ThrowIfNull(fecData);
        CheckIfp(primary, nameof(primary));
        ArgumentOutOfRangeException.ThrowIfNegative(fecSpan);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(fecSpan, short.MaxValue);
        if (fecData.Any(f => f.Length > MaxPacketLength))
        {
            throw new ArgumentOutOfRangeException(nameof(fecData), $"FEC entries hold at most {MaxPacketLength} octets");
        }

        return new UdptlPacket(sequenceNumber, primary, UdptlRecoveryKind.Fec, fecSpan, fecData.Length == 0 ? None : [.. fecData]);
    }

    /// <summary>Octets of the encoded datagram.</summary>
    public int EncodedLength
    {
        get
        {
            int length = 2 + LengthOf(PrimaryIfp.Length) + PrimaryIfp.Length + 1;
            if (Recovery == UdptlRecoveryKind.Fec)
            {
                length += 1 + (FecSpan < 0x80 ? 1 : 2);
            }

            length += LengthOf(_entries.Length);
            foreach (ReadOnlyMemory<byte> entry in _entries)
            {
                length += LengthOf(entry.Length) + entry.Length;
            }

            return length;
        }
    }

    /// <summary>Writes the datagram; returns the octets written.</summary>
    public int Write(Span<byte> destination)
    {
        int length = EncodedLength;
        if (destination.Length < length)
        {
            throw new ArgumentException($"the datagram needs {length} octets, the destination has {destination.Length}", nameof(destination));
        }

        destination[0] = (byte)(SequenceNumber >> 8);
        destination[1] = (byte)SequenceNumber;
        int p = WriteOctets(destination, 2, PrimaryIfp.Span);
        if (Recovery == UdptlRecoveryKind.Redundancy)
        {
            destination[p++] = 0x00;
        }
        else
        {
            // fec-npackets: an unconstrained INTEGER, a length octet then the two's complement octets.
            destination[p++] = 0x80;
            if (FecSpan < 0x80)
            {
                destination[p++] = 1;
                destination[p++] = (byte)FecSpan;
            }
            else
            {
                destination[p++] = 2;
                destination[p++] = (byte)(FecSpan >> 8);
                destination[p++] = (byte)FecSpan;
            }
        }

        p = WriteLength(destination, p, _entries.Length);
        foreach (ReadOnlyMemory<byte> entry in _entries)
        {
            p = WriteOctets(destination, p, entry.Span);
        }

        return p;
    }

    public byte[] ToArray()
    {
        var bytes = new byte[EncodedLength];
        Write(bytes);
        return bytes;
    }

    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out UdptlPacket? packet, out UdptlError error) =>
        TryParse(datagram, UdptlLimits.Default, out packet, out error);

    /// <summary>Parses a whole datagram; the packet owns a copy of the octets it needs.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, UdptlLimits limits, [NotNullWhen(true)] out UdptlPacket? packet, out UdptlError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        packet = null;
        error = UdptlPacketReader.Read(datagram, limits, null, null, out int entryCount, out _, out _, out _);
        if (error.Kind != UdptlErrorKind.None)
        {
            return false;
        }

        byte[] backing = datagram.ToArray();
        ReadOnlyMemory<byte>[] entries = entryCount == 0 ? None : new ReadOnlyMemory<byte>[entryCount];
        UdptlPacketReader.Read(backing, limits, backing, entries, out _, out ReadOnlyMemory<byte> primary, out UdptlRecoveryKind recovery, out int span);
        packet = new UdptlPacket((ushort)((backing[0] << 8) | backing[1]), primary, recovery, span, entries);
        return true;
    }

    public override string ToString() =>
        Recovery == UdptlRecoveryKind.Redundancy
            ? $"#{SequenceNumber} ifp {PrimaryIfp.Length} + {_entries.Length} secondary"
            : $"#{SequenceNumber} ifp {PrimaryIfp.Length} + fec span {FecSpan} x {_entries.Length}";

    internal static int LengthOf(int length) => length < 0x80 ? 1 : 2;

    private static int WriteLength(Span<byte> destination, int p, int length)
    {
        if (length < 0x80)
        {
            destination[p++] = (byte)length;
        }
        else
        {
            destination[p++] = (byte)(0x80 | (length >> 8));
            destination[p++] = (byte)length;
        }

        return p;
    }

    private static int WriteOctets(Span<byte> destination, int p, ReadOnlySpan<byte> octets)
    {
        p = WriteLength(destination, p, octets.Length);
        octets.CopyTo(destination[p..]);
        return p + octets.Length;
    }

    private static void CheckIfp(ReadOnlyMemory<byte> ifp, string name)
    {
        if (ifp.Length is 0 or > MaxPacketLength)
        {
            throw new ArgumentOutOfRangeException(name, ifp.Length, $"an IFP packet in UDPTL holds 1 to {MaxPacketLength} octets");
        }
    }
}
