using Faxgate.Fax.T30.Frames;

namespace Faxgate.Fax.T30.Ecm;

/// <summary>The post-page commands that PPS and EOR carry in their first FIF octet (T.30 5.3.6.2, Annex A).</summary>
internal static class PostPageCommands
{
    /// <summary>NULL (a partial page inside a page) or one of the post-page messages that end a page.</summary>
    public static bool IsValid(FacsimileControlField fcf) =>
        fcf is FacsimileControlField.Null or FacsimileControlField.Mps or FacsimileControlField.Eom
            or FacsimileControlField.Eop or FacsimileControlField.PriMps or FacsimileControlField.PriEom
            or FacsimileControlField.PriEop;

    /// <summary>The command an octet on the line stands for, or false when it is not a post-page command.</summary>
    public static bool TryRead(byte octet, out FacsimileControlField fcf)
    {
        fcf = FacsimileControlFields.FromOctet(octet);
        return IsValid(fcf);
    }

    public static void Require(FacsimileControlField fcf)
    {
        if (!IsValid(fcf))
        {
            throw new ArgumentOutOfRangeException(nameof(fcf), fcf, "not a post-page command: NULL, MPS, EOM, EOP or PRI-*");
        }
    }
}
