using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Storage.Addressing;

/// <summary>
/// An email address as Faxgate stores and mails to it: <c>local@domain</c> with a dot-atom local part (RFC 5322
/// clause 3.2.3, no quoted strings or comments) and a host name of letters, digits and hyphens (RFC 1035, international
/// names in their xn-- form), at least two labels. Lengths follow RFC 5321 clause 4.5.3.1: local part at most 64
/// octets, the whole address at most 254. The domain is lower-cased; the local part keeps its case.
/// </summary>
public sealed record EmailAddress
{
    public const int MaxLength = 254;

    public const int MaxLocalLength = 64;

    public const int MaxLabelLength = 63;

    private const string AtextSymbols = "!#$%&'*+-/=?^_`{|}~";

    private EmailAddress(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
        Value = localPart + "@" + domain;
    }

    /// <summary>The whole address, e.g. <c>fax@acme.example</c>.</summary>
    public string Value { get; }

    public string LocalPart { get; }

    /// <summary>The domain, lower case.</summary>
    public string Domain { get; }

    public override string ToString() => Value;

    /// <summary>Parses an address or throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static EmailAddress Parse(string text) =>
        TryParse(text, out EmailAddress? address, out string? error)
            ? address
            : throw new FormatException($"{InputText.Quote(text)} is not an email address: {error}");

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out EmailAddress? address) =>
        TryParse(text, out address, out _);

    /// <summary>The one parser: <paramref name="error"/> says in words what is wrong when it returns false.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out EmailAddress? address,
        [NotNullWhen(false)] out string? error)
    {
        address = null;
        error = Check(text);
        if (error is not null)
        {
            return false;
        }

        int at = text!.LastIndexOf('@');
        address = new EmailAddress(text[..at], text[(at + 1)..].ToLowerInvariant());
        return true;
    }

    private static string? Check(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "it is empty";
        }

        if (text.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is < '!' or > '~')
            {
                return $"unexpected character {InputText.Describe(text[i])} at position {i + 1}: addresses are ASCII without spaces (international domains in their xn-- form)";
            }
        }

        int at = text.IndexOf('@', StringComparison.Ordinal);
        if (at < 0)
        {
            return "it has no '@'";
        }

        if (text.IndexOf('@', at + 1) >= 0)
        {
            return "it has more than one '@'";
        }

        return CheckLocalPart(text[..at]) ?? CheckDomain(text[(at + 1)..]);
    }

    private static string? CheckLocalPart(string local)
    {
        if (local.Length == 0)
        {
            return "the part before '@' is empty";
        }

        if (local.Length > MaxLocalLength)
        {
            return $"the part before '@' is longer than {MaxLocalLength} characters";
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return "the part before '@' cannot start or end with a dot or have two dots in a row";
        }

        foreach (char c in local)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '.' && !AtextSymbols.Contains(c, StringComparison.Ordinal))
            {
                return $"the part before '@' cannot contain {InputText.Describe(c)}";
            }
        }

        return null;
    }

    private static string? CheckDomain(string domain)
    {
        if (domain.Length == 0)
        {
            return "the domain after '@' is empty";
        }

        string[] labels = domain.Split('.');
        if (labels.Length < 2)
        {
            return $"the domain '{domain}' needs at least one dot";
        }

        foreach (string label in labels)
        {
            if (label.Length == 0)
            {
                return $"the domain '{domain}' has an empty label (a dot at the start or end, or two in a row)";
            }

            if (label.Length > MaxLabelLength)
            {
                return $"the domain has a label longer than {MaxLabelLength} characters";
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                return $"the domain label '{label}' cannot start or end with a hyphen";
            }

            foreach (char c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return $"the domain cannot contain {InputText.Describe(c)}: only letters, digits, hyphens and dots";
                }
            }
        }

        if (labels[^1].All(char.IsAsciiDigit))
        {
            return $"the domain '{domain}' ends in a number: a host name is needed, not an IP address";
        }

        return null;
    }
}
