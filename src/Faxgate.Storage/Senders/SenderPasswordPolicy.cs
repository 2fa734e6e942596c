using Faxgate.Storage.Crypto;

namespace Faxgate.Storage.Senders;

/// <summary>
/// What a sender's fax password must be and how it is hashed: at least <see cref="MinimumLength"/> characters (default
/// 8), at most <see cref="MaximumLength"/>, hashed with Argon2id at <see cref="Hashing"/>' cost.
/// </summary>
public sealed record SenderPasswordPolicy
{
    public const int MaximumLength = 1024;

    public static SenderPasswordPolicy Default { get; } = new();

    public int MinimumLength { get; init; } = 8;

    public Argon2Parameters Hashing { get; init; } = Argon2Parameters.Default;

    /// <summary>Refuses a password that does not meet the policy, with a message for the operator.</summary>
    public void Check(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (password.Length == 0)
        {
            throw new InvalidRequestException("the password is empty");
        }

        if (password.Length < MinimumLength)
        {
            throw new InvalidRequestException($"the password is too short: at least {MinimumLength} characters");
        }

        if (password.Length > MaximumLength)
        {
            throw new InvalidRequestException($"the password is too long: at most {MaximumLength} characters");
        }

        if (password.Any(char.IsControl))
        {
            throw new InvalidRequestException("the password contains a control character");
        }
    }
}
