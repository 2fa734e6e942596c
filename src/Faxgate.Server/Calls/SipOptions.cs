namespace Faxgate.Server.Calls;

/// <summary>
/// The SIP settings as configured (section "Sip"), before checking. <see cref="SipSettings.Read"/> checks them and
/// fills in the defaults that depend on other values; docs/sip.md ("Configuration") describes each one.
/// </summary>
public sealed class SipOptions
{
    public const string Section = "Sip";

    /// <summary>Where Faxgate listens: "udp|tcp|tls:ADDRESS[:PORT]". Empty means <see cref="SipSettings.DefaultListen"/>.</summary>
    public List<string> Listen { get; set; } = [];

    /// <summary>The UDP ports for media (UDPTL/RTP), "FIRST-LAST".</summary>
    public string MediaPorts { get; set; } = "40000-40999";

    /// <summary>
    /// The IP address media sockets bind to and SDP announces; default: the address of the listener a call came in on
    /// (127.0.0.1 for a listener on 0.0.0.0, so set it when listening on all addresses).
    /// </summary>
    public string? MediaAddress { get; set; }

    /// <summary>The country code (1-3 digits) that turns national called numbers into E.164; null accepts only international ones.</summary>
    public string? DefaultCountryCode { get; set; }

    /// <summary>The SIP trunks by name.</summary>
    public Dictionary<string, TrunkOptions> Trunks { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long an outgoing call may ring before it ends as "no answer".</summary>
    public int RingTimeoutSeconds { get; set; } = 60;

    /// <summary>How long after answering an audio call Faxgate waits for the far end's T.38 re-INVITE before sending its own.</summary>
    public int T38ReinviteDelayMilliseconds { get; set; } = 1000;

    /// <summary>The watchdog: a call still up after this long is hung up.</summary>
    public int MaxCallMinutes { get; set; } = 30;

    /// <summary>Calls this node carries at once, in and out, over all trunks.</summary>
    public int MaxConcurrentCalls { get; set; } = 100;

    /// <summary>Seconds between OPTIONS pings to each trunk that does not register (0: never).</summary>
    public int QualifySeconds { get; set; } = 60;

    /// <summary>The User-Agent (and Server) header text.</summary>
    public string UserAgent { get; set; } = "Faxgate";

    /// <summary>The certificate (PKCS#12 file) for tls listeners; relative paths are from the data folder.</summary>
    public string? TlsCertificate { get; set; }

    public string? TlsCertificatePassword { get; set; }
}
