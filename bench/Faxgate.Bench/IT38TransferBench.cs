using Faxgate.Imaging.Pages;

namespace Faxgate.Bench;

/// <summary>
/// One way of running a whole T.38 fax call in one process, sender and receiver back to back,
/// for the T.38 transfer benchmark. The harness times <see cref="RunOnce"/> (CPU time of the
/// calling thread), so every implementation does all its work on that thread and never sleeps.
/// </summary>
public interface IT38TransferBench : IDisposable
{
    /// <summary>The name in the results table, e.g. "SpanDSP to SpanDSP".</summary>
    string Name { get; }

    /// <summary>Untimed: writes the files the transfer reads, sets up whatever is reused.</summary>
    void Prepare(IReadOnlyList<BilevelPage> pages, string scratch);

    /// <summary>One whole call: the document sent from a caller to an answerer.</summary>
    T38TransferOutcome RunOnce();

    /// <summary>Untimed, after a run: what the answerer stored that differs from the pages sent (empty when all is well).</summary>
    IReadOnlyList<string> Verify();
}

/// <summary>What one call did: pages the receiver confirmed, simulated call time, IFP packets exchanged, and the negotiated link.</summary>
public sealed record T38TransferOutcome(int PagesReceived, TimeSpan CallTime, int Packets, string Link, string? Failure);
