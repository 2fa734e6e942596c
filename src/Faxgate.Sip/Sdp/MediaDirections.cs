namespace Faxgate.Sip.Sdp;

/// <summary>The attribute names of <see cref="MediaDirection"/> and the answer's direction for an offer's (RFC 3264 6.1).</summary>
public static class MediaDirections
{
    public static string ToAttributeName(this MediaDirection direction) => direction switch
    {
        MediaDirection.SendRecv => "sendrecv",
        MediaDirection.SendOnly => "sendonly",
        MediaDirection.RecvOnly => "recvonly",
        MediaDirection.Inactive => "inactive",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "not a media direction"),
    };

    /// <summary>The direction an attribute name states, or null for any other attribute.</summary>
    public static MediaDirection? TryParse(string attributeName) => attributeName.ToLowerInvariant() switch
    {
        "sendrecv" => MediaDirection.SendRecv,
        "sendonly" => MediaDirection.SendOnly,
        "recvonly" => MediaDirection.RecvOnly,
        "inactive" => MediaDirection.Inactive,
        _ => null,
    };

    /// <summary>What an answerer willing to send and receive answers to an offered direction.</summary>
    public static MediaDirection AnswerTo(this MediaDirection offered) => offered switch
    {
        MediaDirection.SendOnly => MediaDirection.RecvOnly,
        MediaDirection.RecvOnly => MediaDirection.SendOnly,
        MediaDirection.Inactive => MediaDirection.Inactive,
        _ => MediaDirection.SendRecv,
    };
}
