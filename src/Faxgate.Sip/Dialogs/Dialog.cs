using Faxgate.Sip.Messages;

namespace Faxgate.Sip.Dialogs;

/// <summary>
/// The state of one INVITE dialog (RFC 3261 section 12): its identity (Call-ID and the two tags), the sequence numbers
/// in each direction, the far end's target and the route set, and the requests built from them (section 12.2.1.1).
/// Sans-IO: it makes and checks messages, the user agent sends them.
/// </summary>
public sealed class Dialog
{
    private Dialog(string callId, NameAddress local, NameAddress remote, SipUri remoteTarget, IReadOnlyList<NameAddress> routeSet, uint localSequence, uint? remoteSequence, bool isCaller)
    {
        CallId = callId;
        Local = local;
        Remote = remote;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalSequence = localSequence;
        RemoteSequence = remoteSequence;
        IsCaller = isCaller;
    }

    public string CallId { get; }

    /// <summary>Our side (From in our requests), with our tag.</summary>
    public NameAddress Local { get; }

    /// <summary>The far end (To in our requests), with its tag once known.</summary>
    public NameAddress Remote { get; private set; }

    public string LocalTag => Local.Tag ?? string.Empty;

    public string? RemoteTag => Remote.Tag;

    /// <summary>Where in-dialog requests go: the far end's Contact, refreshed by target refresh requests.</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>The Record-Route set, in the order our requests carry it as Route.</summary>
    public IReadOnlyList<NameAddress> RouteSet { get; private set; }

    public uint LocalSequence { get; private set; }

    public uint? RemoteSequence { get; private set; }

    /// <summary>True on the side that sent the initial INVITE (RFC 3261 14.1 glare timers depend on it).</summary>
    public bool IsCaller { get; }

    public DialogState State { get; private set; } = DialogState.Early;

    /// <summary>The caller's dialog, made by a response with a To tag to our INVITE (section 12.1.2).</summary>
    public static Dialog ForCaller(SipRequest invite, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentNullException.ThrowIfNull(response);
        SipUri target = response.Contacts.Count > 0 ? response.Contacts[0].Uri : invite.RequestUri;
        var routes = response.RecordRoutes.Reverse().ToList();
        var dialog = new Dialog(invite.CallId!, invite.From!, response.To!, target, routes, invite.CSeq!.Number, null, isCaller: true);
        dialog.State = response.StatusCode is >= 200 and < 300 ? DialogState.Confirmed : DialogState.Early;
        return dialog;
    }

    /// <summary>The callee's dialog, made when we answer the INVITE with <paramref name="localTag"/> (section 12.1.1).</summary>
    public static Dialog ForCallee(SipRequest invite, string localTag, uint localSequence)
    {
        ArgumentNullException.ThrowIfNull(invite);
        ArgumentException.ThrowIfNullOrEmpty(localTag);
        SipUri target = invite.Contacts.Count > 0 ? invite.Contacts[0].Uri : invite.From!.Uri;
        return new Dialog(invite.CallId!, invite.To!.WithTag(localTag), invite.From!, target, [.. invite.RecordRoutes], localSequence, invite.CSeq!.Number, isCaller: false);
    }

    /// <summary>A 2xx confirms the dialog; a caller takes the far end's target and route set from the 2xx (12.1.2).</summary>
    public void Confirm(SipResponse? response = null)
    {
        if (response is not null && IsCaller)
        {
            Remote = response.To ?? Remote;
            if (response.Contacts.Count > 0)
            {
                RemoteTarget = response.Contacts[0].Uri;
            }

            RouteSet = response.RecordRoutes.Reverse().ToList();
        }

        State = DialogState.Confirmed;
    }

    public void Terminate() => State = DialogState.Terminated;

    /// <summary>Whether <paramref name="message"/> belongs to this dialog (Call-ID and both tags, section 12.2).</summary>
    public bool Matches(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.CallId != CallId)
        {
            return false;
        }

        (string? ours, string? theirs) = message is SipRequest ? (message.To?.Tag, message.From?.Tag) : (message.From?.Tag, message.To?.Tag);
        return ours == LocalTag && (RemoteTag is null || theirs == RemoteTag);
    }

    /// <summary>
    /// Checks the CSeq of a request from the far end (section 12.2.2): a lower number than the last one is out of order
    /// (answer 500); otherwise it becomes the remote sequence number.
    /// </summary>
    public bool AcceptRemoteSequence(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        uint number = request.CSeq!.Number;
        if (request.Method is "ACK" or "CANCEL")
        {
            return true;
        }

        if (RemoteSequence is { } last && number <= last)
        {
            return false;
        }

        RemoteSequence = number;
        return true;
    }

    /// <summary>A target refresh (re-INVITE, UPDATE) with a Contact moves the far end's target (section 12.2.2).</summary>
    public void RefreshTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contacts.Count > 0)
        {
            RemoteTarget = message.Contacts[0].Uri;
        }
    }

    /// <summary>
    /// A request within the dialog (section 12.2.1.1): Request-URI and Route from the target and the route set (loose or
    /// strict routing), From/To with the tags, the next CSeq (ACK and CANCEL reuse the INVITE's; pass it as
    /// <paramref name="sequence"/>). The caller adds Via, Contact, Max-Forwards and the body.
    /// </summary>
    public SipRequest CreateRequest(string method, IEnumerable<(string Name, string Value)> headers, ReadOnlyMemory<byte> body = default, uint? sequence = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(headers);
        uint number = sequence ?? ++LocalSequence;
        SipUri requestUri;
        IEnumerable<NameAddress> routes;
        if (RouteSet.Count == 0 || RouteSet[0].Uri.IsLooseRouting)
        {
            requestUri = RemoteTarget;
            routes = RouteSet;
        }
        else
        {
            // Strict routing (section 12.2.1.1): the first route becomes the Request-URI, the target goes last.
            requestUri = RouteSet[0].Uri with { Headers = SipParameterList.Empty };
            routes = [.. RouteSet.Skip(1), new NameAddress(RemoteTarget)];
        }

        var list = new List<SipHeader>();
        foreach ((string name, string value) in headers)
        {
            list.Add(new SipHeader(name, value));
        }

        list.Add(new SipHeader(SipHeaderNames.From, Local.ToString()));
        list.Add(new SipHeader(SipHeaderNames.To, Remote.ToString()));
        list.Add(new SipHeader(SipHeaderNames.CallId, CallId));
        list.Add(new SipHeader(SipHeaderNames.CSeq, new CSeq(number, method).ToString()));
        foreach (NameAddress route in routes)
        {
            list.Add(new SipHeader(SipHeaderNames.Route, route.ToString()));
        }

        return new SipRequest(method, requestUri, new SipHeaders(list), body);
    }

    /// <summary>Where a request of this dialog goes first: the first Route, or the Request-URI.</summary>
    public static SipUri NextHop(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Routes.Count > 0 ? request.Routes[0].Uri : request.RequestUri;
    }
}
