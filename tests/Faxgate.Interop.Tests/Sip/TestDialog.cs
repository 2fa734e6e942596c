using System.Net;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>
/// One call as the test peer tracks it (RFC 3261 clause 12, kept to what the tests need): Call-ID, tags, the
/// remote target and route set learnt from the far end, our CSeq, and our INVITE in progress (for ACK and CANCEL).
/// </summary>
internal sealed class TestDialog
{
    private readonly Dictionary<int, byte[]> _acks = [];

    internal TestDialog(string callId, string localUri, string localTag, string remoteUri, string? remoteTag, string remoteTarget, IPEndPoint destination, bool isCaller)
    {
        CallId = callId;
        LocalUri = localUri;
        LocalTag = localTag;
        RemoteUri = remoteUri;
        RemoteTag = remoteTag;
        RemoteTarget = remoteTarget;
        Destination = destination;
        IsCaller = isCaller;
    }

    public string CallId { get; }

    /// <summary>Our URI (From of our requests).</summary>
    public string LocalUri { get; }

    public string LocalTag { get; }

    /// <summary>The far end's URI (To of our requests).</summary>
    public string RemoteUri { get; }

    /// <summary>The far end's tag; null until a response with a To tag arrived.</summary>
    public string? RemoteTag { get; internal set; }

    /// <summary>The Request-URI of requests inside the dialog: the far end's Contact once known.</summary>
    public string RemoteTarget { get; internal set; }

    /// <summary>The Route headers of requests inside the dialog (from Record-Route), first hop first.</summary>
    public IReadOnlyList<string> RouteSet { get; internal set; } = [];

    /// <summary>Where requests outside the route set go first: the INVITE's destination, or the caller's address.</summary>
    public IPEndPoint Destination { get; }

    /// <summary>True when this peer sent the initial INVITE.</summary>
    public bool IsCaller { get; }

    /// <summary>The CSeq number of the last request this peer sent in the dialog.</summary>
    public int LocalCSeq { get; internal set; }

    /// <summary>The initial INVITE (sent by us or by the far end).</summary>
    public TestSipMessage? InitialInvite { get; internal set; }

    /// <summary>Our last INVITE (initial or re-INVITE): the one <see cref="TestSipPeer.SendCancel"/> cancels.</summary>
    public TestSipMessage? Invite { get; internal set; }

    /// <summary>The last request this peer sent in the dialog.</summary>
    public TestSipMessage? LastRequest { get; internal set; }

    /// <summary>Where the next request inside the dialog goes: the first route, else the remote target.</summary>
    public IPEndPoint NextHop => RouteSet.Count > 0 ? TestSipText.EndPoint(RouteSet[0]) :
        RemoteTag is null ? Destination : TestSipText.EndPoint(RemoteTarget);

    // The test's thread and the peer's receive loop (automatic ACKs) both send ACKs.
    internal void KeepAck(int cseq, byte[] ack)
    {
        lock (_acks)
        {
            _acks[cseq] = ack;
        }
    }

    internal byte[]? AckFor(int cseq)
    {
        lock (_acks)
        {
            return _acks.GetValueOrDefault(cseq);
        }
    }
}
