using System.Globalization;
using System.Net;
using System.Text;

namespace Faxgate.Interop.Tests.Sip;

/// <summary>The requests and responses the test peer builds: plain text, one header per line, UDP only.</summary>
internal sealed partial class TestSipPeer
{
    /// <summary>
    /// Sends an INVITE for <paramref name="target"/> (e.g. <c>sip:+27115551234@127.0.0.1:5060</c>) to the target's
    /// host and port, or to <paramref name="via"/> (an outbound proxy). Extra headers are whole lines without CRLF.
    /// </summary>
    public TestDialog SendInvite(string target, string? sdp, IEnumerable<string>? extraHeaders = null, IPEndPoint? via = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var dialog = new TestDialog($"{TestSipText.Token()}@127.0.0.1", $"sip:{User}@127.0.0.1:{LocalPort}", TestSipText.Token(),
            target, remoteTag: null, target, via ?? TestSipText.EndPoint(target), isCaller: true);
        lock (_gate)
        {
            _dialogs[dialog.CallId] = dialog;
        }

        TestSipMessage invite = SendInDialog(dialog, "INVITE", target, NewBranch(), sdp, extraHeaders, dialog.Destination);
        dialog.InitialInvite = invite;
        return dialog;
    }

    /// <summary>Sends a re-INVITE in the dialog with a new offer.</summary>
    public TestSipMessage SendReinvite(TestDialog dialog, string sdp, IEnumerable<string>? extraHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return SendInDialog(dialog, "INVITE", dialog.RemoteTarget, NewBranch(), sdp, extraHeaders, dialog.NextHop);
    }

    /// <summary>Sends BYE in the dialog.</summary>
    public TestSipMessage SendBye(TestDialog dialog, IEnumerable<string>? extraHeaders = null) => SendRequest(dialog, "BYE", extraHeaders: extraHeaders);

    /// <summary>Sends any request inside the dialog (UPDATE, INFO, OPTIONS, BYE), with an optional SDP body.</summary>
    public TestSipMessage SendRequest(TestDialog dialog, string method, string? sdp = null, IEnumerable<string>? extraHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return SendInDialog(dialog, method, dialog.RemoteTarget, NewBranch(), sdp, extraHeaders, dialog.NextHop);
    }

    /// <summary>
    /// ACKs a final response to our INVITE: for a 2xx a new transaction to the remote target (the far end's Contact,
    /// through the route set), otherwise the same branch and destination as the INVITE.
    /// </summary>
    public TestSipMessage SendAck(TestDialog dialog, TestSipMessage response)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(response);
        TestSipMessage invite = dialog.Invite ?? throw new InvalidOperationException("no INVITE sent in this dialog");
        TestSipMessage ack;
        if (response.StatusCode is >= 200 and < 300)
        {
            Learn(dialog, response);
            string text = Build(dialog, "ACK", dialog.RemoteTarget, NewBranch(), response.CSeq, null, null, dialog.RemoteTag, dialog.RouteSet);
            ack = Send(text, dialog.NextHop);
        }
        else
        {
            string text = Build(dialog, "ACK", invite.RequestUri!, invite.Branch!, response.CSeq, null, null, response.ToTag, invite.HeaderValues("Route"));
            ack = Send(text, invite.RemoteEndPoint!);
        }

        dialog.KeepAck(response.CSeq, ack.Raw);
        return ack;
    }

    /// <summary>CANCELs our INVITE in progress: same Request-URI, branch, To and route as the INVITE.</summary>
    public TestSipMessage SendCancel(TestDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        TestSipMessage invite = dialog.Invite ?? throw new InvalidOperationException("no INVITE sent in this dialog");
        string text = Build(dialog, "CANCEL", invite.RequestUri!, invite.Branch!, invite.CSeq, null, null, invite.ToTag, invite.HeaderValues("Route"));
        return Send(text, invite.RemoteEndPoint!);
    }

    /// <summary>Sends an OPTIONS outside any dialog to <paramref name="target"/> (or to <paramref name="via"/>).</summary>
    public TestSipMessage SendOptions(string target, IPEndPoint? via = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        var dialog = new TestDialog($"{TestSipText.Token()}@127.0.0.1", $"sip:{User}@127.0.0.1:{LocalPort}", TestSipText.Token(),
            target, remoteTag: null, target, via ?? TestSipText.EndPoint(target), isCaller: true);
        return SendInDialog(dialog, "OPTIONS", target, NewBranch(), null, null, dialog.Destination);
    }

    /// <summary>
    /// Makes the dialog of an INVITE the far end sent: our tag, their tag and Contact, their Record-Route as it
    /// came. Answer with <see cref="Respond"/> giving <see cref="TestDialog.LocalTag"/>.
    /// </summary>
    public TestDialog AcceptDialog(TestSipMessage invite)
    {
        ArgumentNullException.ThrowIfNull(invite);
        var dialog = new TestDialog(invite.CallId, TestSipText.Uri(invite.Header("To")!), TestSipText.Token(), TestSipText.Uri(invite.Header("From")!),
            invite.FromTag, invite.ContactUri ?? TestSipText.Uri(invite.Header("From")!), invite.RemoteEndPoint!, isCaller: false)
        {
            RouteSet = invite.HeaderValues("Record-Route"),
            InitialInvite = invite,
        };
        lock (_gate)
        {
            _dialogs[dialog.CallId] = dialog;
        }

        return dialog;
    }

    /// <summary>
    /// Answers a request: its Vias, From, Call-ID and CSeq copied, To with <paramref name="toTag"/> added (not on
    /// 100), Record-Route and our Contact on 1xx/2xx to INVITE, and an optional SDP body; sent where it came from.
    /// </summary>
    public TestSipMessage Respond(TestSipMessage request, int status, string reason, string? sdp = null, string? toTag = null, IEnumerable<string>? extraHeaders = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"SIP/2.0 {status} {reason}\r\n");
        foreach (string via in request.HeaderValues("Via"))
        {
            text.Append(CultureInfo.InvariantCulture, $"Via: {via}\r\n");
        }

        string to = request.Header("To")!;
        if (status > 100 && toTag is not null && request.ToTag is null)
        {
            to += $";tag={toTag}";
        }

        bool dialogCreating = request.Method == "INVITE" && status is > 100 and < 300;
        if (dialogCreating)
        {
            foreach (string route in request.HeaderValues("Record-Route"))
            {
                text.Append(CultureInfo.InvariantCulture, $"Record-Route: {route}\r\n");
            }
        }

        text.Append(CultureInfo.InvariantCulture, $"From: {request.Header("From")}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: {to}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {request.CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {request.Header("CSeq")}\r\n");
        if (dialogCreating)
        {
            text.Append(CultureInfo.InvariantCulture, $"Contact: <{ContactUri}>\r\n");
        }

        return Send(Finish(text, sdp, extraHeaders), request.RemoteEndPoint!);
    }

    private static string NewBranch() => $"z9hG4bK{TestSipText.Token()}";

    private TestSipMessage SendInDialog(TestDialog dialog, string method, string requestUri, string branch, string? sdp, IEnumerable<string>? extraHeaders, IPEndPoint to)
    {
        dialog.LocalCSeq++;
        string text = Build(dialog, method, requestUri, branch, dialog.LocalCSeq, sdp, extraHeaders, dialog.RemoteTag, dialog.RouteSet);
        TestSipMessage request = Send(text, to);
        dialog.LastRequest = request;
        if (method == "INVITE")
        {
            dialog.Invite = request;
        }

        return request;
    }

    private string Build(TestDialog dialog, string method, string requestUri, string branch, int cseq, string? sdp,
        IEnumerable<string>? extraHeaders, string? remoteTag, IEnumerable<string> routes)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {requestUri} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.1:{LocalPort};branch={branch};rport\r\n")
            .Append("Max-Forwards: 70\r\n");
        foreach (string route in routes)
        {
            text.Append(CultureInfo.InvariantCulture, $"Route: {route}\r\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"From: <{dialog.LocalUri}>;tag={dialog.LocalTag}\r\n")
            .Append(CultureInfo.InvariantCulture, $"To: <{dialog.RemoteUri}>{(remoteTag is null ? string.Empty : $";tag={remoteTag}")}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: {dialog.CallId}\r\n")
            .Append(CultureInfo.InvariantCulture, $"CSeq: {cseq} {method}\r\n");
        if (method == "INVITE")
        {
            text.Append(CultureInfo.InvariantCulture, $"Contact: <{ContactUri}>\r\n");
        }

        text.Append("User-Agent: Faxgate test peer\r\n");
        return Finish(text, sdp, extraHeaders);
    }

    private static string Finish(StringBuilder text, string? sdp, IEnumerable<string>? extraHeaders)
    {
        foreach (string header in extraHeaders ?? [])
        {
            text.Append(header).Append("\r\n");
        }

        if (sdp is not null)
        {
            text.Append("Content-Type: application/sdp\r\n");
        }

        string body = sdp ?? string.Empty;
        return text.Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n\r\n").Append(body).ToString();
    }

    /// <summary>What a response to one of our INVITEs teaches the dialog, and the automatic ACKs.</summary>
    private void OnResponse(TestSipMessage response)
    {
        TestDialog? dialog;
        lock (_gate)
        {
            dialog = _dialogs.GetValueOrDefault(response.CallId);
        }

        if (dialog is null || response.CSeqMethod != "INVITE")
        {
            return;
        }

        if (response.StatusCode is >= 200 and < 300 && ReacknowledgeRetransmissions && dialog.AckFor(response.CSeq) is { } ack)
        {
            SendRaw(ack, dialog.NextHop);
            return;
        }

        if (dialog.Invite is not { } invite || response.CSeq != invite.CSeq)
        {
            return;
        }

        if (response.StatusCode >= 300 && AcknowledgeFailures)
        {
            _ = SendAck(dialog, response);
        }
        else if (response.StatusCode is > 100 and < 300 && dialog.RemoteTag is null && response.ToTag is not null)
        {
            dialog.RemoteTag = response.ToTag;
        }
    }

    /// <summary>A 2xx to our INVITE fixes the remote tag, target (its Contact) and route set (its Record-Route, reversed).</summary>
    private static void Learn(TestDialog dialog, TestSipMessage response)
    {
        dialog.RemoteTag ??= response.ToTag;
        if (response.ContactUri is { } contact)
        {
            dialog.RemoteTarget = contact;
        }

        if (dialog.IsCaller && dialog.InitialInvite is { } initial && response.CSeq == initial.CSeq)
        {
            dialog.RouteSet = [.. response.HeaderValues("Record-Route").Reverse()];
        }
    }
}
