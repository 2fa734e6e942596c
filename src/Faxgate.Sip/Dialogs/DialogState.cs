namespace Faxgate.Sip.Dialogs;

/// <summary>RFC 3261 section 12: a dialog is early (made by a provisional response with a tag) or confirmed (by a 2xx).</summary>
public enum DialogState
{
    Early,
    Confirmed,
    Terminated,
}
