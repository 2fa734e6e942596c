using Faxgate.Fax.T30.Capabilities;
using Faxgate.Fax.T30.Session;
using Faxgate.Fax.T38.Terminal;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;

namespace Faxgate.Bench;

/// <summary>
/// Faxgate's side of the T.38 benchmark: two Faxgate T.38 terminals in this process, back to back. Every datagram
/// one polls is copied and handed straight to the other (UDPTL with its default redundancy, no loss); when neither
/// has anything to send, virtual time jumps to the earliest deadline. Packets are not paced, so image data goes
/// out as fast as it is made. With <c>files</c>, the sender reads the document from the same MMR TIFF file the
/// SpanDSP sender reads and the receiver writes what it got to a TIFF file, as SpanDSP's terminals do; without,
/// pages go from and to memory.
/// </summary>
public sealed class FaxgateTransferBench(bool files) : IT38TransferBench
{
    private static readonly TimeSpan Limit = TimeSpan.FromHours(1);

    private readonly byte[] _toAnswerer = new byte[65536];
    private readonly byte[] _toCaller = new byte[65536];
    private readonly List<BilevelPage> _received = [];
    private IReadOnlyList<BilevelPage> _pages = [];
    private string _txPath = string.Empty;
    private string _rxPath = string.Empty;
    private FaxOutcome? _callerOutcome;
    private FaxOutcome? _answererOutcome;

    /// <summary>Whether the document comes from and goes to TIFF files.</summary>
    public bool Files => files;

    public string Name => files ? "Faxgate to Faxgate, TIFF files" : "Faxgate to Faxgate";

    /// <summary>Untimed: the options both terminals use. ECM, MMR, up to V.17 14400; the page itself is fine.</summary>
    public static T30Options Options(string ident) => new()
    {
        Ident = ident,
        Ecm = true,
        MaxRate = SignallingRate.V17At14400,
        Compressions = new HashSet<CodingScheme> { CodingScheme.Mh, CodingScheme.Mr, CodingScheme.Mmr },
    };

    public static T38TerminalOptions TerminalOptions { get; } = new() { Link = T38LinkOptions.Default with { Pacing = false } };

    public void Prepare(IReadOnlyList<BilevelPage> pages, string scratch)
    {
        _pages = pages;
        _txPath = Path.Combine(scratch, "t38-faxgate-tx.tif");
        _rxPath = Path.Combine(scratch, "t38-faxgate-rx.tif");
        if (files)
        {
            TiffWriter.Write(_txPath, pages, new TiffWriteOptions { Scheme = CodingScheme.Mmr });
        }
    }

    public T38TransferOutcome RunOnce()
    {
        _received.Clear();
        IReadOnlyList<BilevelPage> document = files ? TiffReader.Read(_txPath).Pages : _pages;
        var caller = new T38Terminal(T30Session.ForSending(new PageDocument(document), Options("+27 11 555 0001")), TerminalOptions);
        var answerer = new T38Terminal(T30Session.ForReceiving(Options("+27 11 555 0002")), TerminalOptions);
        (TimeSpan callTime, int datagrams, string? stalled) = Run(caller, answerer);
        if (files)
        {
            TiffWriter.Write(_rxPath, _received, new TiffWriteOptions { Scheme = CodingScheme.Mmr });
        }

        _callerOutcome = caller.Session.Outcome;
        _answererOutcome = answerer.Session.Outcome;
        string? failure = stalled
            ?? (_callerOutcome is not { Succeeded: true } ? $"caller: {_callerOutcome?.ToString() ?? "no outcome"}"
            : _answererOutcome is not { Succeeded: true } ? $"answerer: {_answererOutcome?.ToString() ?? "no outcome"}"
            : null);
        FaxOutcome? sent = _callerOutcome;
        string link = sent is null
            ? "unknown"
            : $"{sent.Rate?.BitsPerSecond()} bit/s, {(sent.Ecm ? "ECM" : "no ECM")}, {sent.Compression switch { CodingScheme.Mmr => "MMR", CodingScheme.Mr => "MR", CodingScheme.Mh => "MH", _ => "?" }}";
        return new T38TransferOutcome(_received.Count, callTime, datagrams, link, failure);
    }

    /// <summary>The call: datagrams cross at once, and time only moves when both terminals wait for a deadline.</summary>
    private (TimeSpan CallTime, int Datagrams, string? Stalled) Run(T38Terminal caller, T38Terminal answerer)
    {
        TimeSpan now = TimeSpan.Zero;
        int datagrams = 0;
        caller.Start(now);
        answerer.Start(now);
        while (true)
        {
            bool moved = true;
            while (moved)
            {
                moved = false;
                Drain(caller);
                Drain(answerer);
                while (caller.TryPollDatagram(now, out ReadOnlyMemory<byte> datagram))
                {
                    datagram.Span.CopyTo(_toAnswerer);
                    answerer.HandleDatagram(_toAnswerer.AsSpan(0, datagram.Length), now);
                    datagrams++;
                    moved = true;
                }

                while (answerer.TryPollDatagram(now, out ReadOnlyMemory<byte> datagram))
                {
                    datagram.Span.CopyTo(_toCaller);
                    caller.HandleDatagram(_toCaller.AsSpan(0, datagram.Length), now);
                    datagrams++;
                    moved = true;
                }
            }

            if (caller.IsFinished && answerer.IsFinished)
            {
                return (now, datagrams, null);
            }

            TimeSpan? next = Earliest(caller.NextDeadline, answerer.NextDeadline);
            if (next is null || now >= Limit)
            {
                return (now, datagrams, $"the call stalled at {now.TotalSeconds:0.000} s of simulated time");
            }

            if (next.Value > now)
            {
                now = next.Value;
            }

            caller.HandleTimeout(now);
            answerer.HandleTimeout(now);
        }
    }

    private void Drain(T38Terminal terminal)
    {
        while (terminal.TryPollEvent(out FaxEvent faxEvent))
        {
            if (faxEvent is PageReceived page)
            {
                _received.Add(page.Page);
            }
        }
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : a < b ? a : b;

    public IReadOnlyList<string> Verify()
    {
        var problems = new List<string>();
        if (_callerOutcome is not { Succeeded: true } || _answererOutcome is not { Succeeded: true })
        {
            problems.Add($"{Name}: caller {_callerOutcome}, answerer {_answererOutcome}");
        }

        IReadOnlyList<BilevelPage> received = files ? TiffReader.Read(_rxPath).Pages : _received;
        if (received.Count != _pages.Count || _callerOutcome?.Pages != _pages.Count || _answererOutcome?.Pages != _pages.Count)
        {
            problems.Add($"{Name}: {received.Count} pages received ({_answererOutcome?.Pages} accepted, {_callerOutcome?.Pages} confirmed), {_pages.Count} sent");
        }

        for (int i = 0; i < Math.Min(received.Count, _pages.Count); i++)
        {
            if (!received[i].SamePixels(_pages[i]))
            {
                problems.Add($"{Name}: page {i + 1} received differs from the page sent");
            }
        }

        return problems;
    }

    public void Dispose()
    {
        if (files && _rxPath.Length > 0)
        {
            File.Delete(_rxPath);
            File.Delete(_txPath);
        }
    }
}
