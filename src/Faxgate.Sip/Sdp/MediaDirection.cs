namespace Faxgate.Sip.Sdp;

/// <summary>The direction attributes of RFC 3264 5.1; sendrecv when none is given.</summary>
public enum MediaDirection
{
    SendRecv = 0,
    SendOnly,
    RecvOnly,
    Inactive,
}
