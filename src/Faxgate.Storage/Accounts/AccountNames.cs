using System.Text.RegularExpressions;

namespace Faxgate.Storage.Accounts;

/// <summary>The rules for account handles, portal logins and passwords, with messages meant for the operator.</summary>
public static partial class AccountNames
{
    public const int MinPasswordLength = 8;

    /// <summary>A handle as given, checked: lower-case letters, digits and '-', 1 to 64 characters.</summary>
    public static string Handle(string? handle)
    {
        if (handle is null || !HandlePattern().IsMatch(handle))
        {
            throw new InvalidRequestException($"'{handle}' is not an account handle: use 1 to 64 lower-case letters, digits and '-'");
        }

        return handle;
    }

    /// <summary>A login email address, trimmed and in lower case, checked simply: local@domain.tld, at most 254 characters.</summary>
    public static string Login(string? login)
    {
        string trimmed = (login ?? "").Trim();
        if (trimmed.Length > 254 || !LoginPattern().IsMatch(trimmed))
        {
            throw new InvalidRequestException($"'{login}' is not an email address");
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>An account name: not empty, at most 255 characters, no control characters.</summary>
    public static string Name(string? name)
    {
        string trimmed = (name ?? "").Trim();
        if (trimmed.Length is 0 or > 255 || trimmed.Any(char.IsControl))
        {
            throw new InvalidRequestException("an account name is 1 to 255 printable characters");
        }

        return trimmed;
    }

    public static void Password(string? password)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            throw new InvalidRequestException($"a password has at least {MinPasswordLength} characters");
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex HandlePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$", RegexOptions.CultureInvariant)]
    private static partial Regex LoginPattern();
}
