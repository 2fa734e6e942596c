using Faxgate.Sip.Sdp;
using Faxgate.Sip.Transport;

namespace Faxgate.Sip.UserAgent;

/// <summary>What the user agent tells its adapter: calls coming, going and changing media, registrations.</summary>
public abstract record UserAgentEvent;

/// <summary>An INVITE for a new call: answer it with <see cref="SipUserAgent.Accept"/> or <see cref="SipUserAgent.Reject"/>.</summary>
public sealed record IncomingCall(SipCall Call) : UserAgentEvent;

/// <summary>A provisional response (180, 183) to our INVITE.</summary>
public sealed record CallProgress(SipCall Call, int StatusCode) : UserAgentEvent;

/// <summary>The dialog is confirmed (our 2xx was acknowledged, or the far end's 2xx arrived).</summary>
public sealed record CallEstablished(SipCall Call) : UserAgentEvent;

/// <summary>
/// The media agreed for the call changed: <see cref="T38"/> set means fax over T.38 to that address from now on.
/// Session refreshes that keep the media as it was do not raise it.
/// </summary>
public sealed record CallMediaChanged(SipCall Call, NegotiatedT38? T38, NegotiatedAudio? Audio) : UserAgentEvent;

/// <summary>The call is over, once per call.</summary>
public sealed record CallEnded(SipCall Call, CallOutcome Outcome) : UserAgentEvent;

/// <summary>A registration's state changed.</summary>
public sealed record RegistrationChanged(SipRegistration Registration) : UserAgentEvent;

/// <summary>A message from an address outside the allow-list, refused (requests get 403) and reported for the log.</summary>
public sealed record SourceRefused(SipEndPoint Source, string What) : UserAgentEvent;

/// <summary>The answer to an OPTIONS ping of a trunk: a status, or null when it timed out or could not be sent.</summary>
public sealed record QualifyResult(string Name, int? StatusCode, TimeSpan RoundTrip) : UserAgentEvent;
