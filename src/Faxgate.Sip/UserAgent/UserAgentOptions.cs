using Faxgate.Sip.Messages;
using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transactions;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>Everything the user agent needs to know about its surroundings; every timer and limit is named here.</summary>
public sealed record UserAgentOptions
{
    /// <summary>The listeners as bound: Via and Contact name the one matching the transport and address family.</summary>
    public required IReadOnlyList<SipEndPoint> LocalEndPoints { get; init; }

    /// <summary>The User-Agent/Server header.</summary>
    public string Product { get; init; } = "Faxgate";

    public SipTimers Timers { get; init; } = SipTimers.Default;

    /// <summary>How long after an audio call is established Faxgate waits for the far end's T.38 re-INVITE before sending its own.</summary>
    public TimeSpan T38ReinviteDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The watchdog: no call lasts longer than this.</summary>
    public TimeSpan MaxCallDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Concurrent calls beyond this get 503 with Retry-After.</summary>
    public int MaxCalls { get; init; } = 100;

    /// <summary>Who may talk to us; null allows everyone. Requests from others get 403, responses are dropped.</summary>
    public Func<SipEndPoint, bool>? IsAllowed { get; init; }

    /// <summary>Finds where a URI whose host is a name goes (DNS); null: only IP literals are reachable.</summary>
    public Func<SipTransportKind, string, int, SipEndPoint?>? ResolveHost { get; init; }

    public T38Preferences T38 { get; init; } = T38Preferences.Default;

    /// <summary>How long after a failed registration the next attempt goes out.</summary>
    public TimeSpan RegistrationRetry { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The Session-Expires we grant when the caller asks for session timers (RFC 4028); the caller refreshes.</summary>
    public TimeSpan SessionExpires { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Methods we answer; others get 501 (RFC 3261 8.2.1) or 405 when known but not ours.</summary>
    public static IReadOnlyList<string> AllowedMethods { get; } = ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "INFO"];

    internal static IReadOnlyList<string> KnownMethods { get; } =
        ["INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "UPDATE", "INFO", "REGISTER", "MESSAGE", "SUBSCRIBE", "NOTIFY", "REFER", "PRACK", "PUBLISH"];

    internal static IReadOnlyList<string> SupportedOptions { get; } = ["timer"];

    internal SipParserLimits Limits { get; init; } = SipParserLimits.Default;
}
