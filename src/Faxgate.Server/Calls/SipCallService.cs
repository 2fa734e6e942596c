using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Faxgate.Fax.T30.Session;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Tiff;
using Faxgate.Server.Options;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;
using Faxgate.Sip.UserAgent;
using Faxgate.Storage;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Documents;
using Faxgate.Storage.Faxes;
using Faxgate.Storage.Numbers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Faxgate.Server.Calls;

/// <summary>
/// Fax calls in: runs the SIP user agent on the configured listeners, registers with the trunks that want it, and
/// answers calls to the active numbers in the database. Each answered call receives its fax over T.38; the pages are
/// stored encrypted with the fax's row, then the call is hung up at once.
/// </summary>
public sealed partial class SipCallService(
    SipSettings settings,
    MediaPortPool ports,
    FaxStore faxes,
    DocumentStore documents,
    Database database,
    IOptions<ServerOptions> server,
    TimeProvider time,
    ILogger<SipCallService> logger) : BackgroundService
{
    /// <summary>How often storing a received fax is tried before its pages are given up (about 3 minutes in all).</summary>
    private const int StoreAttempts = 8;

    private readonly ConcurrentDictionary<string, InboundFax> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Task, bool> _work = new();
    private readonly NumberStore _numbers = new(database);
    private SipUserAgentHost? _host;

    /// <summary>The listeners as bound (tests listen on port 0 and read the real port from the log or here).</summary>
    public IReadOnlyList<SipEndPoint> LocalEndPoints => _host?.LocalEndPoints ?? [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _host = await SipUserAgentHost.StartAsync(settings.Listen, SipTransports.OptionsFor(settings), UserAgentOptionsFor, time, logger, stoppingToken).ConfigureAwait(false);
        foreach (TrunkSettings trunk in settings.Trunks.Where(t => t.Register))
        {
            await RegisterAsync(trunk).ConfigureAwait(false);
        }

        if (settings.QualifyInterval > TimeSpan.Zero && settings.Trunks.Any(t => !t.Register))
        {
            Track(QualifyAsync(stoppingToken));
        }

        try
        {
            await foreach (UserAgentEvent userAgentEvent in _host.Events.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Dispatch(userAgentEvent);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_host is { } host)
        {
            await host.StopAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            foreach (InboundFax call in _calls.Values)
            {
                call.CallEnded();
            }

            await Task.WhenAll(_work.Keys).WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None).ConfigureAwait(false);
            await host.DisposeAsync().ConfigureAwait(false);
        }
    }

    private UserAgentOptions UserAgentOptionsFor(IReadOnlyList<SipEndPoint> listeners) => new()
    {
        LocalEndPoints = listeners,
        Product = settings.UserAgent,
        T38ReinviteDelay = settings.T38ReinviteDelay,
        MaxCallDuration = settings.MaxCallDuration,
        MaxCalls = settings.MaxConcurrentCalls,
        IsAllowed = source => settings.Sources.TryMatch(source.Address.Address, out _),
        ResolveHost = SipTransports.TryResolveKnown,
        T38 = (settings.Trunks.Count > 0 ? settings.Trunks[0].T38 : T38Preferences.Default),
    };

    private async Task RegisterAsync(TrunkSettings trunk)
    {
        if (await SipTransports.ResolveAsync(trunk.Transport, trunk.Host, trunk.Port, CancellationToken.None).ConfigureAwait(false) is not { } registrar)
        {
            LogCannotResolve(trunk.Name, trunk.Host);
            return;
        }

        string user = trunk.Username ?? "faxgate";
        var request = new RegistrationRequest(trunk.Name, Sip.Messages.SipUri.Parse($"sip:{trunk.Host}"), registrar, Sip.Messages.NameAddress.Parse($"<sip:{user}@{trunk.Host}>"))
        {
            Credentials = trunk.Username is { } name && trunk.Password is { } password ? new DigestCredentialsSource(name, password) : null,
            Expires = trunk.RegisterExpires,
        };
        await _host!.InvokeAsync((agent, now) => agent.Register(request, now)).ConfigureAwait(false);
    }

    /// <summary>Pings every trunk that does not register with OPTIONS, so a dead static peer shows in the log before calls fail.</summary>
    private async Task QualifyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(settings.QualifyInterval, time);
        do
        {
            foreach (TrunkSettings trunk in settings.Trunks.Where(t => !t.Register))
            {
                if (await SipTransports.ResolveAsync(trunk.Transport, trunk.Host, trunk.Port, stoppingToken).ConfigureAwait(false) is { } peer)
                {
                    var target = Sip.Messages.SipUri.Parse($"sip:{trunk.Host}:{trunk.Port}");
                    await _host!.InvokeAsync((agent, now) => agent.Qualify(trunk.Name, target, peer, now)).ConfigureAwait(false);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private void Dispatch(UserAgentEvent userAgentEvent)
    {
        switch (userAgentEvent)
        {
            case IncomingCall incoming:
                Track(AnswerAsync(incoming.Call));
                break;
            case CallMediaChanged { T38: { } t38 } changed when _calls.TryGetValue(changed.Call.CallId, out InboundFax? call) && call.Session is null:
                StartFax(call, t38);
                break;
            case CallEnded ended:
                LogCallEnded(ended.Call.CallId, ended.Outcome);
                if (_calls.TryGetValue(ended.Call.CallId, out InboundFax? over))
                {
                    over.CallEnded();
                    if (over.Session is null)
                    {
                        Track(FinishAsync(over, null, ended.Outcome));
                    }
                }

                break;
            case RegistrationChanged changed:
                LogRegistration(changed.Registration.Name, changed.Registration.State, changed.Registration.LastStatus ?? 0);
                break;
            case QualifyResult result:
                LogQualified(result.Name, result.StatusCode ?? 0, (long)result.RoundTrip.TotalMilliseconds);
                break;
            case SourceRefused refused:
                LogRefused(refused.Source, refused.What);
                break;
            default:
                break;
        }
    }

    private void Track(Task task)
    {
        _work.TryAdd(task, true);
        task.ContinueWith(
            t =>
            {
                _work.TryRemove(t, out _);
                if (t.Exception is { } failure)
                {
                    // Nothing a call does may fail unseen: the log says what was lost.
                    LogCallWorkFailed(failure.InnerException ?? failure);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task AnswerAsync(SipCall call)
    {
        SipUserAgentHost host = _host!;
        settings.Sources.TryMatch(call.Peer.Address.Address, out string? trunkName);
        TrunkSettings? trunk = settings.Trunks.FirstOrDefault(t => t.Name == trunkName);
        if (trunk is not null && _calls.Values.Count(c => c.Trunk == trunk.Name) >= trunk.MaxCalls)
        {
            LogTrunkFull(call.CallId, trunk.Name, trunk.MaxCalls);
            await RejectAsync(call, 503, "Service Unavailable").ConfigureAwait(false);
            return;
        }

        if (!DialledNumber.TryFromCall(call.DialledUser, call.Invite?.To?.Uri.User, settings.DefaultCountryCode, out E164Number? number))
        {
            LogRejected(call.CallId, call.DialledUser, 404, "not a number Faxgate can read");
            await RejectAsync(call, 404, "Not Found").ConfigureAwait(false);
            return;
        }

        NumberRoute? route;
        try
        {
            route = await _numbers.FindRouteAsync(number, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            LogRejected(call.CallId, number, 503, e.Message);
            await RejectAsync(call, 503, "Service Unavailable").ConfigureAwait(false);
            return;
        }

        if (route is null || !route.Active)
        {
            int status = route is null ? 404 : 480;
            LogRejected(call.CallId, number, status, route is null ? "unknown number" : "number or account inactive");
            await RejectAsync(call, status, null).ConfigureAwait(false);
            return;
        }

        SipEndPoint local = await host.InvokeAsync((agent, _) => agent.LocalFor(call.Peer)).ConfigureAwait(false);
        IPAddress mediaAddress = MediaAddressFor(local);
        MediaPort port;
        try
        {
            port = ports.Rent(mediaAddress);
        }
        catch (MediaPortsExhaustedException e)
        {
            LogRejected(call.CallId, number, 503, e.Message);
            await RejectAsync(call, 503, "Service Unavailable").ConfigureAwait(false);
            return;
        }

        long faxId;
        try
        {
            faxId = await faxes.StartAsync(
                new FaxStart(FaxDirections.In, number.ToString(), Truncate(call.Caller?.Uri.User ?? call.Caller?.Uri.Host ?? "", FaxStore.MaxRemoteNumber), route.AccountId, server.Value.NodeName ?? Environment.MachineName),
                CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            // No row, no call: a fax Faxgate cannot account for is not taken.
            port.Dispose();
            LogRejected(call.CallId, number, 503, e.Message);
            await RejectAsync(call, 503, "Service Unavailable").ConfigureAwait(false);
            return;
        }

        var inbound = new InboundFax(call, trunkName, route, port, faxId);
        _calls[call.CallId] = inbound;
        LogAnswering(call.CallId, number, faxId);
        string address = mediaAddress.ToString();
        var media = new LocalMedia(SdpOrigin.For(address, (ulong)faxId, 1), address)
        {
            AudioPort = port.Port,
            UdptlPort = port.Port,
            T38 = trunk?.T38 ?? T38Preferences.Default,
        };
        CallOutcome? over = await host.InvokeAsync((agent, now) =>
        {
            if (call.State != CallState.Offered)
            {
                return call.Outcome ?? new CallOutcome(CallEndReason.Cancelled, null, "the call ended before it was answered");
            }

            agent.Accept(call, media, now);
            return null;
        }).ConfigureAwait(false);
        if (over is not null)
        {
            // The caller cancelled while we looked the number up; its CallEnded event may have come before the call
            // was in _calls, so the row is finished (once) and the port given back here.
            await FinishAsync(inbound, null, over).ConfigureAwait(false);
        }
    }

    /// <summary>Refuses an offered call; a caller that cancelled meanwhile has already ended it, and that is fine.</summary>
    private async Task RejectAsync(SipCall call, int status, string? reason)
    {
        try
        {
            await _host!.InvokeAsync((agent, now) => agent.Reject(call, status, reason, now)).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Not offered any more: cancelled (487 sent) while we looked the number up.
        }
    }

    private void StartFax(InboundFax call, NegotiatedT38 t38)
    {
        var fax = new T38FaxCall(T30Session.ForReceiving(new T30Options { Ident = Truncate(call.Route.Number.ToString(), 20) }));
        call.Fax = fax;
        call.Session = fax.RunAsync(call.Port.Socket, t38, time, call.Hangup);
        Track(CompleteAsync(call));
    }

    private async Task CompleteAsync(InboundFax call)
    {
        FaxOutcome outcome = await call.Session!.ConfigureAwait(false);
        // Phase E is over: hang up at once, so no call stays up after the fax.
        await _host!.InvokeAsync((agent, now) => agent.Hangup(call.Call, new CallOutcome(CallEndReason.LocalHangup, null, "fax " + (outcome.Succeeded ? "received" : "failed")), now))
            .ConfigureAwait(false);
        await FinishAsync(call, outcome, null).ConfigureAwait(false);
    }

    private async Task FinishAsync(InboundFax call, FaxOutcome? outcome, CallOutcome? callOutcome)
    {
        if (!call.TryFinish())
        {
            return;
        }

        try
        {
            string ident = Truncate(call.Fax?.RemoteIdent ?? "", FaxStore.MaxRemoteIdent);
            int pages = call.Fax?.Pages.Count ?? 0;
            bool received = outcome is { Succeeded: true };
            string reason = Truncate(outcome is null ? callOutcome?.ToString() ?? "call ended" : outcome.Reason, FaxStore.MaxReason);
            var finish = new FaxFinish(received ? FaxStatuses.Received : FaxStatuses.Failed, pages, ident, outcome is null ? null : (int)outcome.Failure, received ? null : reason);
            byte[]? tiff = pages > 0 ? TiffWriter.Write(call.Fax!.Pages, new TiffWriteOptions { Scheme = CodingScheme.Mmr }) : null;
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (tiff is not null)
                    {
                        await faxes.FinishReceivedAsync(call.FaxId, finish, tiff, documents, DocumentHolders.Both, null, CancellationToken.None).ConfigureAwait(false);
                    }
                    else
                    {
                        await faxes.FinishAsync(call.FaxId, finish, CancellationToken.None).ConfigureAwait(false);
                    }

                    break;
                }
                catch (Exception e) when (attempt < StoreAttempts && e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
                {
                    // The pages are only in memory: the database gets more chances before they are given up.
                    LogStoreRetry(call.FaxId, attempt, e.Message);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << attempt)), time).ConfigureAwait(false);
                }
            }

            LogFinished(call.Call.CallId, call.FaxId, finish.Status, pages, reason);
        }
        finally
        {
            _calls.TryRemove(call.Call.CallId, out _);
            call.Dispose();
        }
    }

    private IPAddress MediaAddressFor(SipEndPoint local)
    {
        if (settings.MediaAddress is { } configured)
        {
            return configured;
        }

        IPAddress address = local.Address.Address;
        if (address.Equals(IPAddress.Any))
        {
            return IPAddress.Loopback;
        }

        return address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : address;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trunk {Trunk}: cannot resolve {Host}; not registering")]
    private partial void LogCannotResolve(string trunk, string host);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} to {Number} refused with {Status}: {Reason}")]
    private partial void LogRejected(string callId, object? number, int status, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} to {Number} answered as fax {FaxId}")]
    private partial void LogAnswering(string callId, E164Number number, long faxId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} ended: {Outcome}")]
    private partial void LogCallEnded(string callId, CallOutcome outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId} fax {FaxId} {Status}, {Pages} pages ({Reason})")]
    private partial void LogFinished(string callId, long faxId, string status, int pages, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trunk {Trunk} registration {State} ({Status})")]
    private partial void LogRegistration(string trunk, RegistrationState state, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId} refused with 503: trunk {Trunk} carries its maximum of {MaxCalls} calls")]
    private partial void LogTrunkFull(string callId, string trunk, int maxCalls);

    [LoggerMessage(Level = LogLevel.Critical, Message = "A call's work failed")]
    private partial void LogCallWorkFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Fax {FaxId} not stored (attempt {Attempt}), trying again: {Error}")]
    private partial void LogStoreRetry(long faxId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trunk {Trunk} OPTIONS: {Status} in {Milliseconds} ms (0: no answer)")]
    private partial void LogQualified(string trunk, int status, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SIP from {Source} refused (not in any trunk's AllowFrom): {What}")]
    private partial void LogRefused(SipEndPoint source, string what);
}
