using System.Diagnostics.CodeAnalysis;
using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Ifp;

namespace Faxgate.Fax.T38.Terminal;

/// <summary>
/// The T.38 side of a fax terminal, sans-IO: it turns a T.30 session's transmit commands into IFP packets, each
/// due at the time a modem would send it, and the far end's IFP packets into <see cref="IModemEvents"/> calls.
/// The caller's loop: <see cref="HandleReceived"/> for each packet, <see cref="HandleTimeout"/> when
/// <see cref="NextDeadline"/> comes, then drain <see cref="TryPollTransmit(TimeSpan, out IfpPacket?)"/>.
/// </summary>
public sealed class T38Link
{
    private readonly T38Transmitter _transmitter;
    private readonly T38Receiver _receiver;
    private readonly Queue<TransmitCommand> _commands = new();
    private IEnumerator<T38Step>? _steps;
    private T38Step? _next;
    private TimeSpan _due;
    private TimeSpan? _completionDue;

    public T38Link(T38LinkOptions? options = null)
    {
        Options = options ?? T38LinkOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.Version, IfpPacket.MinVersion);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Options.Version, IfpPacket.MaxVersion);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxIfpSize, 8);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxBitRate, 2400);
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.PacketInterval, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(Options.MaxReceivedFrameLength, 3);
        _transmitter = new T38Transmitter(Options);
        _receiver = new T38Receiver(Options);
    }

    public T38LinkOptions Options { get; }

    /// <summary>Whether commands are still being transmitted or their completion is still to be reported.</summary>
    public bool IsTransmitting => _next is not null || _completionDue is not null;

    /// <summary>When the next packet is due, or the completion of the transmission; null when idle.</summary>
    public TimeSpan? NextDeadline => _next is not null ? _due : _completionDue;

    /// <summary>Queues a command after those already queued; it starts at <paramref name="now"/> if the link is idle.</summary>
    public void Enqueue(TransmitCommand command, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(command);
        Validate(command);
        _commands.Enqueue(command);
        if (_next is null)
        {
            _due = Options.Pacing && _completionDue is { } finishing && finishing > now ? finishing : now;
            _completionDue = null;
            Advance();
        }
    }

    /// <summary>The next packet whose time has come.</summary>
    public bool TryPollTransmit(TimeSpan now, [NotNullWhen(true)] out IfpPacket? packet) => TryPollTransmit(now, out packet, out _);

    /// <summary>The next packet whose time has come, and what it carries (for the transport's redundancy).</summary>
    public bool TryPollTransmit(TimeSpan now, [NotNullWhen(true)] out IfpPacket? packet, out T38PacketCategory category)
    {
        while (_next is { } step)
        {
            if (Options.Pacing && now < _due)
            {
                break;
            }

            if (Options.Pacing)
            {
                _due += step.After;
            }

            Advance();
            if (step.Packet is not null)
            {
                packet = step.Packet;
                category = step.Category;
                return true;
            }
        }

        packet = null;
        category = default;
        return false;
    }

    /// <summary>
    /// Reports <see cref="IModemEvents.HandleTransmitComplete"/> once the last queued packet has been polled and
    /// its air time has passed.
    /// </summary>
    public void HandleTimeout(TimeSpan now, IModemEvents events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (_next is null && _completionDue is { } due && (now >= due || !Options.Pacing))
        {
            _completionDue = null;
            events.HandleTransmitComplete(now);
        }
    }

    /// <summary>Passes one received IFP packet to the session as line events.</summary>
    public void HandleReceived(IfpPacket packet, IModemEvents events, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(packet);
        ArgumentNullException.ThrowIfNull(events);
        _receiver.Handle(packet, events, now);
        HandleTimeout(now, events);
    }

    /// <summary>The transport lost packets (UDPTL gaps nothing recovered): the frame being received is damaged.</summary>
    public void HandlePacketLoss() => _receiver.HandleLoss();

    /// <summary>Drops everything still queued (a call that ends); no completion is reported for it.</summary>
    public void CancelTransmit()
    {
        _commands.Clear();
        _steps?.Dispose();
        _steps = null;
        _next = null;
        _completionDue = null;
    }

    private void Advance()
    {
        while (true)
        {
            if (_steps is not null && _steps.MoveNext())
            {
                _next = _steps.Current;
                return;
            }

            _steps?.Dispose();
            _steps = null;
            if (!_commands.TryDequeue(out TransmitCommand? command))
            {
                if (_next is not null)
                {
                    _completionDue = _due;
                }

                _next = null;
                return;
            }

            _steps = _transmitter.Steps(command).GetEnumerator();
        }
    }

    private void Validate(TransmitCommand command)
    {
        switch (command)
        {
            case SendHdlc hdlc:
                ArgumentNullException.ThrowIfNull(hdlc.Frames);
                if (hdlc.Frames.Count == 0 || hdlc.Frames.Any(f => f is null || f.Length == 0))
                {
                    throw new ArgumentException("an HDLC transmission needs at least one frame, none of them empty", nameof(command));
                }

                CheckRate(hdlc.Rate is { } rate ? T38Modulation.BitsPerSecond(rate) : 300);
                break;
            case SendTcf tcf:
                CheckRate(tcf.Rate.BitsPerSecond());
                ArgumentOutOfRangeException.ThrowIfLessThan(tcf.Duration, TimeSpan.Zero);
                break;
            case SendImage image:
                CheckRate(image.Rate.BitsPerSecond());
                break;
            case SendSilence silence:
                ArgumentOutOfRangeException.ThrowIfLessThan(silence.Duration, TimeSpan.Zero);
                break;
            case SendTone:
                break;
            default:
                throw new ArgumentException($"{command.GetType().Name} is not a command a T.38 link knows", nameof(command));
        }
    }

    private void CheckRate(int bitsPerSecond)
    {
        if (bitsPerSecond > Options.MaxBitRate)
        {
            throw new ArgumentException($"{bitsPerSecond} bit/s is above the negotiated T38MaxBitRate of {Options.MaxBitRate}");
        }
    }
}
