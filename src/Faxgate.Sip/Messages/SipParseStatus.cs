namespace Faxgate.Sip.Messages;

/// <summary>The outcome of one parse attempt.</summary>
public enum SipParseStatus
{
    /// <summary>A whole message was parsed; the consumed count says how many octets it took.</summary>
    Complete,

    /// <summary>The input holds the start of a message but not all of it; nothing was consumed.</summary>
    Incomplete,

    /// <summary>The input is not a valid message; the error says where and why.</summary>
    Invalid,
}
