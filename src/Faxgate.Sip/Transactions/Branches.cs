using System.Security.Cryptography;

namespace Faxgate.Sip.Transactions;

/// <summary>Via branch values (RFC 3261 section 8.1.1.7).</summary>
public static class Branches
{
    /// <summary>The prefix that marks a branch made by an RFC 3261 element, unique across space and time.</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>z9hG4bK followed by 128 random bits in lower-case hex.</summary>
    public static BranchGenerator Random { get; } = static () => MagicCookie + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsRfc3261(string? branch) =>
        branch is not null && branch.Length > MagicCookie.Length && branch.StartsWith(MagicCookie, StringComparison.Ordinal);
}
