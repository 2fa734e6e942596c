using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Faxgate.Sip.Messages;
using Faxgate.Sip.Transactions;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>
/// Faxgate's SIP user agent core, sans-IO: fed received messages (<see cref="Handle"/>), the time
/// (<see cref="HandleTimeout"/>) and commands (accept, reject, call, hang up, register); it answers with messages to
/// send (<see cref="TryPollTransmit"/>), events (<see cref="TryPollEvent"/>) and its next deadline. It owns the
/// transaction table, the dialogs and the calls; the adapter owns sockets, clocks and the media.
/// </summary>
public sealed partial class SipUserAgent
{
    private readonly TransactionTable _table;
    private readonly Dictionary<string, SipCall> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SipRegistration> _registrations = new(StringComparer.Ordinal);
    private readonly Dictionary<TransactionKey, object?> _owners = [];
    private readonly Dictionary<TransactionKey, SipEndPoint> _destinations = [];
    private readonly Dictionary<TransactionKey, (string Name, TimeSpan Sent)> _qualifies = [];
    private readonly List<TransactionKey> _retired = [];
    private readonly Queue<SipTransmit> _direct = new();
    private readonly Queue<UserAgentEvent> _events = new();
    private readonly Func<string> _newId;
    private readonly Random _random;

    public SipUserAgent(UserAgentOptions options, Func<string>? newId = null, Random? random = null, BranchGenerator? branches = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.LocalEndPoints.Count == 0)
        {
            throw new ArgumentException("the user agent needs at least one listener", nameof(options));
        }

        Options = options;
        _table = new TransactionTable(options.Timers, branches);
        _newId = newId ?? (() => Guid.NewGuid().ToString("N"));
        _random = random ?? Random.Shared;
    }

    public UserAgentOptions Options { get; }

    public IReadOnlyCollection<SipCall> Calls => _calls.Values;

    public IReadOnlyCollection<SipRegistration> Registrations => _registrations.Values;

    /// <summary>Live transactions (for leak checks).</summary>
    public int TransactionCount => _table.Count;

    /// <summary>The earliest time anything here wants <see cref="HandleTimeout"/>.</summary>
    public TimeSpan? NextDeadline
    {
        get
        {
            TimeSpan? earliest = _table.NextDeadline;
            foreach (SipCall call in _calls.Values)
            {
                earliest = Earliest(earliest, CallDeadline(call));
            }

            foreach (SipRegistration registration in _registrations.Values)
            {
                earliest = Earliest(earliest, registration.NextAttempt);
            }

            return earliest;
        }
    }

    /// <summary>A message arrived from <paramref name="source"/>.</summary>
    public void Handle(SipMessage message, SipEndPoint source, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Options.IsAllowed is { } allowed && !allowed(source))
        {
            RefuseSource(message, source);
            return;
        }

        if (message is SipRequest request)
        {
            HandleRequest(Stamp(request, source), source, now);
        }
        else
        {
            HandleResponse((SipResponse)message, now);
        }

        Drain(now);
    }

    /// <summary>
    /// A message that did not parse: a request is answered 400 with its Via, From, To, Call-ID and CSeq copied when
    /// those lines can be read (RFC 4475 3.1.2); anything else is dropped.
    /// </summary>
    public void HandleUnparsable(ReadOnlySpan<byte> data, string reason, SipEndPoint source, TimeSpan now)
    {
        if (Options.IsAllowed is { } allowed && !allowed(source))
        {
            _events.Enqueue(new SourceRefused(source, "a message that does not parse"));
            return;
        }

        // The broken line may be among those copied: fewer lines, down to the Via alone, until the answer parses.
        IReadOnlyList<string>[] attempts = [SipBadRequest.Lines, [SipHeaderNames.Via, SipHeaderNames.CallId, SipHeaderNames.CSeq], [SipHeaderNames.Via]];
        foreach (IReadOnlyList<string> lines in attempts)
        {
            if (SipBadRequest.For(data, reason, lines) is { } answer
                && SipMessageParser.TryParseDatagram(answer, Options.Limits, out SipMessage? response, out _) == SipParseStatus.Complete)
            {
                Send(response!, source);
                break;
            }
        }

        Drain(now);
    }

    /// <summary>Time passed: fires due transaction, call and registration timers.</summary>
    public void HandleTimeout(TimeSpan now)
    {
        _table.HandleTimeout(now);
        foreach (SipCall call in _calls.Values.ToList())
        {
            HandleCallTimers(call, now);
        }

        foreach (SipRegistration registration in _registrations.Values.ToList())
        {
            if (registration.NextAttempt is { } at && at <= now)
            {
                registration.NextAttempt = null;
                SendRegister(registration, now);
            }
        }

        Drain(now);
    }

    /// <summary>The adapter could not send <paramref name="transmit"/>: its transaction learns of it (17.1.4, 17.2.4).</summary>
    public void HandleSendFailure(SipTransmit transmit, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(transmit);
        if (transmit.Owner is SipTransaction transaction)
        {
            transaction.HandleTransportError();
        }
        else if (transmit.Owner is SipCall call && call.State != CallState.Ended)
        {
            EndCall(call, new CallOutcome(CallEndReason.TransportError, null, $"cannot reach {transmit.Destination}"), now, sendBye: false);
        }

        Drain(now);
    }

    public bool TryPollTransmit([NotNullWhen(true)] out SipTransmit? transmit)
    {
        if (_direct.TryDequeue(out transmit))
        {
            transmit = transmit with { Message = WithoutRfc2543Branch(transmit.Message) };
            return true;
        }

        foreach (SipTransaction transaction in _table.Transactions)
        {
            if (transaction.TryPollTransmit(out SipMessage? message))
            {
                message = WithoutRfc2543Branch(message);
                SipEndPoint destination = _destinations.TryGetValue(transaction.Key, out SipEndPoint d) ? d : default;
                transmit = new SipTransmit(message, destination) { Owner = transaction };
                return true;
            }
        }

        foreach (TransactionKey key in _retired)
        {
            if (!_table.TryGet(key, out _))
            {
                _owners.Remove(key);
                _destinations.Remove(key);
                _qualifies.Remove(key);
            }
        }

        _retired.RemoveAll(key => !_owners.ContainsKey(key) && !_destinations.ContainsKey(key));
        transmit = null;
        return false;
    }

    public bool TryPollEvent([NotNullWhen(true)] out UserAgentEvent? userAgentEvent) => _events.TryDequeue(out userAgentEvent);

    /// <summary>Sends an OPTIONS ping to <paramref name="target"/> (trunk qualification); a <see cref="QualifyResult"/> follows.</summary>
    public void Qualify(string name, SipUri target, SipEndPoint destination, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(target);
        SipEndPoint local = LocalFor(destination);
        var headers = new List<(string, string)>
        {
            (SipHeaderNames.Via, NewVia(local)),
            (SipHeaderNames.MaxForwards, "70"),
            (SipHeaderNames.From, $"<sip:faxgate@{HostOf(local)}>;tag={NewTag()}"),
            (SipHeaderNames.To, $"<{target}>"),
            (SipHeaderNames.CallId, _newId()),
            (SipHeaderNames.CSeq, "1 OPTIONS"),
            (SipHeaderNames.UserAgent, Options.Product),
        };
        ClientTransaction transaction = StartClient(new SipRequest("OPTIONS", target, new SipHeaders(headers.ToArray())), destination, null, now);
        _qualifies[transaction.Key] = (name, now);
        Drain(now);
    }

    private void HandleRequest(SipRequest request, SipEndPoint source, TimeSpan now)
    {
        TransactionMatch match = _table.Route(request, now);
        switch (match.Kind)
        {
            case TransactionMatchKind.Matched:
                return;
            case TransactionMatchKind.UnmatchedAck:
                HandleAck(request, now);
                return;
            case TransactionMatchKind.NotRfc3261 when request.TopVia is { } via && via.Branch?.StartsWith(Branches.MagicCookie, StringComparison.Ordinal) != true:
                // An RFC 2543 peer (RFC 3261 17.2.3, RFC 4475 3.4.1): the request gets a branch made from what 2543
                // matching uses, so its retransmissions, ACK and CANCEL find the same transaction; the branch is
                // taken out again of what we answer.
                HandleRequest(ReplaceTopVia(request, via with { Parameters = via.Parameters.With("branch", Rfc2543Branch(request)) }), source, now);
                return;
            case TransactionMatchKind.NotRfc3261:
                // A branch of the magic cookie alone (RFC 4475 3.2.1), or no Via at all: refused without a transaction.
                if (request.Method != "ACK" && request.TopVia is not null)
                {
                    Reply(request, source, SipRejectionFor(request) ?? new SipRejection(400, "Bad Via Branch"));
                }

                return;
            case TransactionMatchKind.NewRequest:
                var server = (ServerTransaction)match.Transaction!;
                _destinations[server.Key] = ResponseDestination(request, source);
                HandleNewRequest(request, server, source, now);
                return;
            default:
                return;
        }
    }

    private static SipRejection? SipRejectionFor(SipRequest request) =>
        SipRequestValidator.Check(request, UserAgentOptions.SupportedOptions, UserAgentOptions.KnownMethods);

    private void HandleNewRequest(SipRequest request, ServerTransaction server, SipEndPoint source, TimeSpan now)
    {
        if (SipRejectionFor(request) is { } rejection)
        {
            SipResponse refusal = Response(request, rejection.StatusCode, rejection.Reason);
            if (rejection.Unsupported.Count > 0)
            {
                refusal = WithHeader(refusal, SipHeaderNames.Unsupported, string.Join(", ", rejection.Unsupported));
            }

            if (rejection.StatusCode is 405 or 501)
            {
                refusal = WithHeader(refusal, SipHeaderNames.Allow, string.Join(", ", UserAgentOptions.AllowedMethods));
            }

            server.SendResponse(refusal, now);
            return;
        }

        SipCall? call = request.To?.Tag is { } ? FindDialogCall(request) : null;
        if (request.To?.Tag is not null && call is null)
        {
            server.SendResponse(Response(request, 481, "Call/Transaction Does Not Exist"), now);
            return;
        }

        if (call is not null)
        {
            HandleInDialogRequest(call, request, server, now);
            return;
        }

        switch (request.Method)
        {
            case "INVITE":
                HandleNewInvite(request, server, source, now);
                break;
            case "CANCEL":
                HandleCancel(request, server, now);
                break;
            case "OPTIONS":
                server.SendResponse(Capabilities(Response(request, 200)), now);
                break;
            case "BYE" or "UPDATE" or "INFO" or "PRACK":
                server.SendResponse(Response(request, 481, "Call/Transaction Does Not Exist"), now);
                break;
            default:
                server.SendResponse(WithHeader(Response(request, 405), SipHeaderNames.Allow, string.Join(", ", UserAgentOptions.AllowedMethods)), now);
                break;
        }
    }

    private void HandleResponse(SipResponse response, TimeSpan now)
    {
        TransactionMatch match = _table.Route(response, now);
        if (match.Kind == TransactionMatchKind.StrayResponse)
        {
            HandleStrayResponse(response, now);
        }
    }

    /// <summary>Passes transaction events to the calls and registrations that own them, then forgets finished ones.</summary>
    private void Drain(TimeSpan now)
    {
        while (_table.TryPollEvent(out SipTransaction? source, out TransactionEvent transactionEvent))
        {
            _owners.TryGetValue(source.Key, out object? owner);
            switch (transactionEvent.Kind)
            {
                case TransactionEventKind.ResponseReceived or TransactionEventKind.TimedOut or TransactionEventKind.TransportError
                    when source is ClientTransaction client:
                    SipResponse response = transactionEvent.Response ?? SipResponse.For(client.Request, 408, "Request Timeout");
                    if (transactionEvent.Kind == TransactionEventKind.TransportError)
                    {
                        response = SipResponse.For(client.Request, 503, "Transport Error");
                    }

                    OnClientResponse(client, owner, response, transactionEvent.Kind, now);
                    break;
                case TransactionEventKind.Terminated:
                    // Forgotten once its last messages are polled: a 2xx ends a server transaction before it is sent.
                    _retired.Add(source.Key);
                    break;
                default:
                    break;
            }
        }

        foreach (SipCall ended in _calls.Values.Where(c => c.State == CallState.Ended).ToList())
        {
            _calls.Remove(ended.CallId);
        }
    }

    private void OnClientResponse(ClientTransaction client, object? owner, SipResponse response, TransactionEventKind kind, TimeSpan now)
    {
        switch (owner)
        {
            case SipCall call:
                OnCallResponse(call, client, response, kind, now);
                break;
            case SipRegistration registration:
                OnRegisterResponse(registration, response, now);
                break;
            default:
                if (_qualifies.TryGetValue(client.Key, out (string Name, TimeSpan Sent) ping) && response.StatusCode >= 200)
                {
                    _qualifies.Remove(client.Key);
                    _events.Enqueue(new QualifyResult(ping.Name, kind == TransactionEventKind.ResponseReceived ? response.StatusCode : null, now - ping.Sent));
                }

                break;
        }
    }

    private ClientTransaction StartClient(SipRequest request, SipEndPoint destination, object? owner, TimeSpan now)
    {
        ClientTransaction transaction = _table.StartClient(request, now);
        _destinations[transaction.Key] = destination;
        _owners[transaction.Key] = owner;
        return transaction;
    }

    private void Send(SipMessage message, SipEndPoint destination, object? owner = null) =>
        _direct.Enqueue(new SipTransmit(message, destination) { Owner = owner });

    private void Reply(SipRequest request, SipEndPoint source, SipRejection rejection) =>
        Send(Response(request, rejection.StatusCode, rejection.Reason), ResponseDestination(request, source));

    private void RefuseSource(SipMessage message, SipEndPoint source)
    {
        if (message is SipRequest request)
        {
            _events.Enqueue(new SourceRefused(source, $"{request.Method} {request.RequestUri}"));
            if (request.Method != "ACK")
            {
                Send(Response(request, 403, "Forbidden"), ResponseDestination(request, source));
            }
        }
        else
        {
            _events.Enqueue(new SourceRefused(source, $"response {((SipResponse)message).StatusCode}"));
        }
    }

    /// <summary>
    /// RFC 3261 18.2.1 and RFC 3581 3: the top Via of a received request learns the address it really came from
    /// (received) and, when the sender asked with an empty rport, the port.
    /// </summary>
    private static SipRequest Stamp(SipRequest request, SipEndPoint source)
    {
        if (request.TopVia is not { } via)
        {
            return request;
        }

        string address = source.Address.Address.ToString();
        Via stamped = via;
        if (!source.HasHost(via.Host))
        {
            stamped = stamped with { Parameters = stamped.Parameters.With("received", address) };
        }

        if (via.HasRport && via.Rport is null)
        {
            stamped = stamped with { Parameters = stamped.Parameters.With("received", address).With("rport", source.Address.Port.ToString(CultureInfo.InvariantCulture)) };
        }

        return ReferenceEquals(stamped, via) ? request : ReplaceTopVia(request, stamped);
    }

    private static SipRequest ReplaceTopVia(SipRequest request, Via via) =>
        new(request.Method, request.RequestUri, request.HeadersWithTopVia(via), request.Body, request.Version);

    /// <summary>
    /// Where responses to a request go (RFC 3261 18.2.2, RFC 3581 4): back on the connection for TCP/TLS; for UDP to
    /// the source when the Via asked for rport, else to the source address at the Via's port.
    /// </summary>
    private static SipEndPoint ResponseDestination(SipRequest request, SipEndPoint source)
    {
        if (source.IsReliable || request.TopVia is not { } via || via.HasRport)
        {
            return source;
        }

        return source.WithPort(via.Port ?? 5060);
    }

    private const string Rfc2543Marker = Branches.MagicCookie + "-rfc2543-";

    /// <summary>A branch from the Request-URI, Call-ID, CSeq number, From tag and sent-by: one per RFC 2543 transaction.</summary>
    private static string Rfc2543Branch(SipRequest request)
    {
        string key = string.Join('\n', request.RequestUri.ToString(), request.CallId, request.CSeq?.Number.ToString(CultureInfo.InvariantCulture), request.From?.Tag,
            request.TopVia?.Host, request.TopVia?.Port?.ToString(CultureInfo.InvariantCulture));
        return Rfc2543Marker + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)).AsSpan(0, 12));
    }

    private static SipMessage WithoutRfc2543Branch(SipMessage message)
    {
        if (message is not SipResponse response || response.TopVia is not { } via || via.Branch?.StartsWith(Rfc2543Marker, StringComparison.Ordinal) != true)
        {
            return message;
        }

        return new SipResponse(response.StatusCode, response.ReasonPhrase, response.HeadersWithTopVia(via with { Parameters = via.Parameters.Without("branch") }), response.Body);
    }

    private static TimeSpan? Earliest(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a < b ? a : b);
}
