using Faxgate.Fax.T30.Capabilities;
using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Session;

/// <summary>Something the session reports to its owner, polled with <c>TryPollEvent</c>.</summary>
public abstract record FaxEvent;

/// <summary>Phase B agreed a mode (after each DCS that was trained successfully).</summary>
public sealed record ModeNegotiated(DcsParameters Mode, string RemoteIdent) : FaxEvent;

/// <summary>
/// A page was received and will be confirmed. The event is raised before the confirming MCF is queued, so an
/// owner that drains events before transmits has the page before the far end is told it arrived.
/// </summary>
public sealed record PageReceived(int Index, BilevelPage Page, LineQuality Quality) : FaxEvent;

/// <summary>The far end confirmed a page we sent.</summary>
public sealed record PageSent(int Index) : FaxEvent;

/// <summary>A T.30 frame went out or came in, for the protocol trace (never page content).</summary>
public sealed record FrameTraced(bool Sent, string Description) : FaxEvent;

/// <summary>Phase E: the session is over.</summary>
public sealed record SessionCompleted(FaxOutcome Outcome) : FaxEvent;
