using System.Globalization;
using Faxgate.Storage;
using Faxgate.Storage.Addressing;
using Faxgate.Storage.Crypto;
using Faxgate.Storage.Senders;
using Microsoft.Extensions.Configuration;

namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// Operator input for the admin verbs, turned into Faxgate's types: numbers, addresses, passwords from stdin, and the
/// settings that shape them. What is wrong becomes an <see cref="InvalidRequestException"/> (one line, exit 1).
/// </summary>
internal static class AdminInput
{
    /// <summary>The country code national numbers (leading 0) get, from <c>Sip:DefaultCountryCode</c>; none when unset.</summary>
    public static int? DefaultCountryCode(IConfiguration configuration)
    {
        string? text = configuration["Sip:DefaultCountryCode"]?.Trim().TrimStart('+');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int code) && code is >= 1 and <= 999
            ? code
            : throw new StorageConfigurationException($"Sip:DefaultCountryCode '{text}' is not a country code (1-999)");
    }

    public static E164Number Number(string text, int? defaultCountryCode) =>
        E164Number.TryParse(text, defaultCountryCode, out E164Number? number, out string? error)
            ? number
            : throw new InvalidRequestException($"malformed E.164 number {InputText.Quote(text)}: {error}");

    public static EmailAddress Email(string text) =>
        EmailAddress.TryParse(text, out EmailAddress? address, out string? error)
            ? address
            : throw new InvalidRequestException($"malformed email address {InputText.Quote(text)}: {error}");

    public static EmailAddress[] Emails(IEnumerable<string> texts) => [.. texts.Select(Email)];

    /// <summary>The Argon2id cost of new password hashes: <c>Security:Argon2:MemoryKiB|Iterations|Parallelism</c>.</summary>
    public static Argon2Parameters Argon2(IConfiguration configuration)
    {
        IConfigurationSection section = configuration.GetSection("Security:Argon2");
        Argon2Parameters defaults = Argon2Parameters.Default;
        var cost = new Argon2Parameters(
            Setting(section, "MemoryKiB", defaults.MemoryKiB, 8, 1024 * 1024),
            Setting(section, "Iterations", defaults.Iterations, 1, 64),
            Setting(section, "Parallelism", defaults.Parallelism, 1, 16));
        return cost.MemoryKiB >= 8 * cost.Parallelism
            ? cost
            : throw new StorageConfigurationException("Security:Argon2:MemoryKiB must be at least 8 times Security:Argon2:Parallelism");
    }

    /// <summary>What sender passwords must be: <c>Security:SenderPassword:MinimumLength</c> (default 8) and the Argon2 cost.</summary>
    public static SenderPasswordPolicy SenderPasswordPolicy(IConfiguration configuration) => new()
    {
        MinimumLength = Setting(configuration.GetSection("Security:SenderPassword"), "MinimumLength", Storage.Senders.SenderPasswordPolicy.Default.MinimumLength, 1, 256),
        Hashing = Argon2(configuration),
    };

    /// <summary>
    /// Reads one line from stdin as a password (the terminating newline, and a carriage return before it, are not
    /// part of it). Passwords never come from the command line, where other users could see them.
    /// </summary>
    public static async Task<string> PasswordFromStdinAsync(CancellationToken cancellationToken)
    {
        string? line = await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        return line ?? throw new InvalidRequestException("no password on stdin: pipe it in as one line, e.g. printf '%s\\n' \"$PASSWORD\" | faxgate ...");
    }

    private static int Setting(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        string? text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= min && value <= max
            ? value
            : throw new StorageConfigurationException($"{section.Path}:{key} '{text}' must be a whole number {min}-{max}");
    }
}
