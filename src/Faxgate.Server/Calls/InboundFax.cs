using Faxgate.Fax.T30.Session;
using Faxgate.Sip.UserAgent;
using Faxgate.Storage.Numbers;

namespace Faxgate.Server.Calls;

/// <summary>One call to one of our numbers, from the INVITE to the stored fax: its media port, fax row and T.38 session.</summary>
internal sealed class InboundFax(SipCall call, string? trunk, NumberRoute route, MediaPort port, long faxId) : IDisposable
{
    private readonly CancellationTokenSource _hangup = new();
    private int _finished;

    public SipCall Call { get; } = call;

    /// <summary>The trunk the call came from (null: the embedded default's loopback).</summary>
    public string? Trunk { get; } = trunk;

    public NumberRoute Route { get; } = route;

    public MediaPort Port { get; } = port;

    public long FaxId { get; } = faxId;

    public T38FaxCall? Fax { get; set; }

    /// <summary>The fax session, once T.38 was agreed.</summary>
    public Task<FaxOutcome>? Session { get; set; }

    /// <summary>Cancelled when the call ends under the fax (BYE mid-page, watchdog, shutdown).</summary>
    public CancellationToken Hangup => _hangup.Token;

    public void CallEnded()
    {
        try
        {
            _hangup.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The row was already finished and the call disposed on another path: nothing left to stop.
        }
    }

    /// <summary>True for the first caller only: the fax row is finished once.</summary>
    public bool TryFinish() => Interlocked.Exchange(ref _finished, 1) == 0;

    public void Dispose()
    {
        Port.Dispose();
        _hangup.Dispose();
    }
}
