using System.Diagnostics.CodeAnalysis;
using Faxgate.Fax.T38.Ifp;

namespace Faxgate.Fax.T38.Udptl;

/// <summary>
/// Turns received UDPTL datagrams (any octets) back into IFP packets in sequence order. Sans-IO and without
/// holding anything back: when datagram n arrives and packets before it are missing, it recovers what it can from
/// n's secondary packets or FEC parity, counts the rest as lost, and delivers in order at once. A datagram for a
/// packet already delivered or given up is dropped; sequence numbers wrap at 65,535. Never throws on input.
/// </summary>
public sealed class UdptlReceiver
{
    private const int HistoryLength = 1024;
    private const long Empty = long.MinValue;

    private readonly UdptlReceiverOptions _options;
    private readonly Slot[] _history = new Slot[HistoryLength];
    private readonly Queue<UdptlDelivery> _deliveries = new();
    private readonly List<int> _missing = [];
    private UdptlReceiverStatistics _statistics;
    private bool _started;
    private ushort _expectedSequence;
    private long _expectedIndex;
    private long _newest = -1;

    public UdptlReceiver(UdptlReceiverOptions? options = null)
    {
        _options = options ?? UdptlReceiverOptions.Default;
        ArgumentNullException.ThrowIfNull(_options.Limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxGap, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxGap, short.MaxValue);
        for (int i = 0; i < HistoryLength; i++)
        {
            _history[i].Index = Empty;
        }
    }

    public UdptlReceiverStatistics Statistics => _statistics;

    /// <summary>Packets waiting in <see cref="TryPollIfp"/>.</summary>
    public int PendingCount => _deliveries.Count;

    /// <summary>Takes in one datagram; the IFP packets it yields wait in <see cref="TryPollIfp"/>.</summary>
    public void HandleDatagram(ReadOnlySpan<byte> datagram)
    {
        if (!UdptlPacket.TryParse(datagram, _options.Limits, out UdptlPacket? packet, out _))
        {
            _statistics = _statistics with { Malformed = _statistics.Malformed + 1 };
            return;
        }

        _statistics = _statistics with { Received = _statistics.Received + 1 };
        if (!_started)
        {
            _started = true;
            _expectedSequence = _options.FirstSequenceNumber ?? packet.SequenceNumber;
        }

        int delta = (short)(packet.SequenceNumber - _expectedSequence);
        if (delta < -_options.MaxGap || delta > _options.MaxGap)
        {
            Restart(packet.SequenceNumber);
            delta = 0;
        }

        long index = _expectedIndex + delta;
        _newest = Math.Max(_newest, index);
        if (delta < 0)
        {
            ref Slot slot = ref SlotOf(index);
            bool delivered = slot.Index == index && slot.State == SlotState.Delivered;
            _statistics = delivered
                ? _statistics with { Duplicates = _statistics.Duplicates + 1 }
                : _statistics with { Late = _statistics.Late + 1 };
        }

        // Everything the datagram carries is kept, even for packets already passed: it lets later FEC rebuild others.
        Remember(index, packet.PrimaryIfp, UdptlDeliverySource.Primary);
        IReadOnlyList<ReadOnlyMemory<byte>> secondaries = packet.SecondaryIfpPackets;
        for (int i = 0; i < secondaries.Count; i++)
        {
            Remember(index - 1 - i, secondaries[i], UdptlDeliverySource.Secondary);
        }

        if (packet.Recovery == UdptlRecoveryKind.Fec)
        {
            RepairFromParity(index, packet.FecSpan, packet.FecData);
        }

        if (delta < 0)
        {
            return;
        }

        for (long missing = _expectedIndex; missing < index; missing++)
        {
            if (missing <= index - HistoryLength)
            {
                _statistics = _statistics with { Lost = _statistics.Lost + 1 };
                continue;
            }

            ref Slot slot = ref SlotOf(missing);
            ushort sequence = (ushort)(_expectedSequence + (missing - _expectedIndex));
            if (slot.Index == missing && slot.Data is not null)
            {
                Deliver(ref slot, sequence);
                _statistics = _statistics with { Recovered = _statistics.Recovered + 1 };
            }
            else
            {
                slot = new Slot { Index = missing, State = SlotState.Lost };
                _statistics = _statistics with { Lost = _statistics.Lost + 1 };
            }
        }

        Deliver(ref SlotOf(index), packet.SequenceNumber);
        _expectedIndex = index + 1;
        _expectedSequence = (ushort)(packet.SequenceNumber + 1);
    }

    /// <summary>The next IFP packet in sequence order, if any.</summary>
    public bool TryPollIfp(out UdptlDelivery delivery) => _deliveries.TryDequeue(out delivery);

    /// <summary>
    /// Parses a delivered packet's octets as an IFP packet of <paramref name="version"/>, accepting the zero
    /// padding that FEC parity leaves after a rebuilt packet.
    /// </summary>
    public static bool TryParseIfp(UdptlDelivery delivery, int version, IfpLimits limits, [NotNullWhen(true)] out IfpPacket? packet, out IfpError error)
    {
        if (delivery.Source != UdptlDeliverySource.FecParity)
        {
            return IfpPacket.TryParse(delivery.Ifp.Span, version, limits, out packet, out error);
        }

        if (!IfpPacket.TryParsePrefix(delivery.Ifp.Span, version, limits, out packet, out int consumed, out error))
        {
            return false;
        }

        if (delivery.Ifp.Span[consumed..].ContainsAnyExcept((byte)0))
        {
            packet = null;
            error = new IfpError(IfpErrorKind.TrailingBytes, consumed);
            return false;
        }

        return true;
    }

    private void Deliver(ref Slot slot, ushort sequence)
    {
        slot.State = SlotState.Delivered;
        _deliveries.Enqueue(new UdptlDelivery(sequence, slot.Data, slot.Source));
    }

    /// <summary>Keeps a packet's octets unless they are known already or too old to keep; true when kept.</summary>
    private bool Remember(long index, ReadOnlyMemory<byte> ifp, UdptlDeliverySource source)
    {
        // No IFP packet is empty: an empty secondary or rebuilt entry (damaged or hostile datagrams) carries nothing.
        if (ifp.IsEmpty || index <= _newest - HistoryLength)
        {
            return false;
        }

        ref Slot slot = ref SlotOf(index);
        if (slot.Index == index && slot.Data is not null)
        {
            return false;
        }

        SlotState state = slot.Index == index ? slot.State : SlotState.Pending;
        slot = new Slot { Index = index, Data = ifp.ToArray(), Source = source, State = state };
        return true;
    }

    /// <summary>T.38 FEC: entry m covers packets n+m-S·E+k·E; one unknown among them is the XOR of the rest.</summary>
    private void RepairFromParity(long index, int span, IReadOnlyList<ReadOnlyMemory<byte>> parity)
    {
        int entries = parity.Count;
        if (span == 0 || entries == 0 || (long)span * entries >= HistoryLength)
        {
            return;
        }

        bool progress = true;
        while (progress)
        {
            progress = false;
            for (int m = 0; m < entries; m++)
            {
                _missing.Clear();
                for (int k = 0; k < span && _missing.Count < 2; k++)
                {
                    long covered = index + m - ((long)span * entries) + ((long)k * entries);
                    ref Slot slot = ref SlotOf(covered);
                    if (slot.Index != covered || slot.Data is null)
                    {
                        _missing.Add(k);
                    }
                }

                if (_missing.Count != 1 || parity[m].IsEmpty)
                {
                    continue;
                }

                byte[] rebuilt = parity[m].ToArray();
                for (int k = 0; k < span; k++)
                {
                    if (k == _missing[0])
                    {
                        continue;
                    }

                    byte[] other = SlotOf(index + m - ((long)span * entries) + ((long)k * entries)).Data!;
                    int common = Math.Min(other.Length, rebuilt.Length);
                    for (int j = 0; j < common; j++)
                    {
                        rebuilt[j] ^= other[j];
                    }
                }

                progress |= Remember(index + m - ((long)span * entries) + ((long)_missing[0] * entries), rebuilt, UdptlDeliverySource.FecParity);
            }
        }
    }

    private void Restart(ushort sequence)
    {
        _statistics = _statistics with { Restarts = _statistics.Restarts + 1 };
        Array.Fill(_history, new Slot { Index = Empty });
        _expectedSequence = sequence;
        _expectedIndex = _newest + HistoryLength;
        _newest = _expectedIndex - 1;
    }

    private ref Slot SlotOf(long index) => ref _history[index & (HistoryLength - 1)];

    private enum SlotState
    {
        Pending,
        Delivered,
        Lost,
    }

    private struct Slot
    {
        public long Index;
        public byte[]? Data;
        public UdptlDeliverySource Source;
        public SlotState State;
    }
}
