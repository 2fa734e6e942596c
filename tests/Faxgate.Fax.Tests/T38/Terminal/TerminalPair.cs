using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;

namespace Faxgate.Fax.Tests.T38.Terminal;

/// <summary>
/// Two Faxgate T.38 terminals joined datagram by datagram in virtual time (pacing on: time jumps from deadline to
/// deadline). <see cref="Tamper"/> sees every datagram and says what arrives instead: nothing, the datagram, or
/// anything else.
/// </summary>
internal sealed class TerminalPair(T38Terminal a, T38Terminal b)
{
    private readonly T38Terminal[] _terminals = [a, b];

    public TimeSpan Now { get; private set; }

    public List<FaxEvent>[] Events { get; } = [[], []];

    /// <summary>Every datagram each side sent, in order.</summary>
    public List<byte[]>[] Sent { get; } = [[], []];

    /// <summary>(from side, datagram) to what reaches the other side.</summary>
    public Func<int, byte[], IEnumerable<byte[]>>? Tamper { get; set; }

    /// <summary>Runs until both terminals finish or <paramref name="limit"/> passes; true when both finished.</summary>
    public bool Run(TimeSpan limit)
    {
        foreach (T38Terminal terminal in _terminals)
        {
            terminal.Start(Now);
        }

        while (Now < limit)
        {
            bool moved = true;
            while (moved)
            {
                moved = false;
                for (int side = 0; side < 2; side++)
                {
                    while (_terminals[side].TryPollDatagram(Now, out ReadOnlyMemory<byte> datagram))
                    {
                        moved = true;
                        byte[] bytes = datagram.ToArray();
                        Sent[side].Add(bytes);
                        foreach (byte[] arriving in Tamper?.Invoke(side, bytes) ?? [bytes])
                        {
                            _terminals[1 - side].HandleDatagram(arriving, Now);
                        }
                    }

                    while (_terminals[side].TryPollEvent(out FaxEvent faxEvent))
                    {
                        Events[side].Add(faxEvent);
                    }
                }
            }

            if (_terminals[0].IsFinished && _terminals[1].IsFinished)
            {
                return true;
            }

            TimeSpan? next = null;
            foreach (T38Terminal terminal in _terminals)
            {
                if (terminal.NextDeadline is { } deadline && (next is null || deadline < next))
                {
                    next = deadline;
                }
            }

            if (next is null)
            {
                return _terminals[0].IsFinished && _terminals[1].IsFinished;
            }

            Now = next.Value > Now ? next.Value : Now;
            foreach (T38Terminal terminal in _terminals)
            {
                terminal.HandleTimeout(Now);
            }
        }

        return false;
    }
}
