using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Faxgate.Storage.Addressing;

/// <summary>
/// A telephone number in ITU-T E.164 international form: <c>+</c>, a country code whose first digit is 1-9, and at
/// most 15 digits in all (Faxgate also asks for at least 8, shorter ones are not reachable fax numbers). Parsing takes
/// numbers as people type them: spaces, dashes, dots and parentheses between the digits, <c>00</c> for <c>+</c>, the
/// <c>(0)</c> trunk prefix some write after the country code, and, given a default country code, national numbers
/// with a leading 0.
/// </summary>
public sealed record E164Number
{
    /// <summary>Most digits E.164 allows, country code included (E.164 clause 6.2.1).</summary>
    public const int MaxDigits = 15;

    /// <summary>Fewest digits Faxgate accepts.</summary>
    public const int MinDigits = 8;

    /// <summary>Longest input looked at; anything longer is refused before parsing.</summary>
    public const int MaxInputLength = 64;

    private E164Number(string value) => Value = value;

    /// <summary>The number as <c>+</c> and digits, e.g. <c>+27115551234</c>.</summary>
    public string Value { get; }

    /// <summary>The digits without the <c>+</c>.</summary>
    public string Digits => Value[1..];

    public override string ToString() => Value;

    /// <summary>Parses a number or throws <see cref="FormatException"/> saying what is wrong with it.</summary>
    public static E164Number Parse(string text, int? defaultCountryCode = null) =>
        TryParse(text, defaultCountryCode, out E164Number? number, out string? error)
            ? number
            : throw new FormatException($"{InputText.Quote(text)} is not an E.164 number: {error}");

    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out E164Number? number) =>
        TryParse(text, null, out number, out _);

    /// <summary>
    /// The one parser: <paramref name="error"/> says what is wrong in words for the operator when it returns false.
    /// <paramref name="defaultCountryCode"/> (1-999) turns national numbers with a leading 0 into international ones.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        int? defaultCountryCode,
        [NotNullWhen(true)] out E164Number? number,
        [NotNullWhen(false)] out string? error)
    {
        if (defaultCountryCode is < 1 or > 999)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultCountryCode), defaultCountryCode, "a country code is 1-999");
        }

        number = null;
        error = Scan(text, out string digits, out bool international);
        if (error is not null)
        {
            return false;
        }

        if (!international)
        {
            if (digits.StartsWith('0') && !digits.StartsWith("00", StringComparison.Ordinal))
            {
                if (defaultCountryCode is not int country)
                {
                    error = "it is a national number (leading 0) and no default country code is configured: write it with + and the country code";
                    return false;
                }

                digits = country.ToString(CultureInfo.InvariantCulture) + digits[1..];
            }
            else if (digits.StartsWith("00", StringComparison.Ordinal))
            {
                digits = digits[2..];
            }
            else
            {
                error = "it has no country code: start it with + (or 00) and the country code, e.g. +27115551234";
                return false;
            }
        }

        error = digits.Length switch
        {
            0 => "it has no digits",
            _ when digits[0] == '0' => "a country code cannot start with 0",
            < MinDigits => $"it has {digits.Length} digits; Faxgate needs at least {MinDigits} including the country code",
            > MaxDigits => $"it has {digits.Length} digits; E.164 allows at most {MaxDigits} including the country code",
            _ => null,
        };
        if (error is not null)
        {
            return false;
        }

        number = new E164Number("+" + digits);
        return true;
    }

    /// <summary>
    /// Collects the digits, checking every other character: one leading <c>+</c>, separators, balanced parentheses
    /// (not nested). A <c>(0)</c> in an international number is the national trunk prefix and is dropped.
    /// </summary>
    private static string? Scan(string? text, out string digits, out bool international)
    {
        digits = "";
        international = false;
        if (text is not null && text.Length > MaxInputLength)
        {
            return $"it is longer than {MaxInputLength} characters";
        }

        string trimmed = (text ?? "").Trim(' ');
        if (trimmed.Length == 0)
        {
            return "it is empty";
        }

        int lead = text!.Length - text.TrimStart(' ').Length;
        var collected = new StringBuilder(trimmed.Length);
        int groupStart = -1;
        for (int i = 0; i < trimmed.Length; i++)
        {
            char c = trimmed[i];
            int position = lead + i + 1;
            switch (c)
            {
                case >= '0' and <= '9':
                    collected.Append(c);
                    break;
                case '+' when i == 0:
                    international = true;
                    break;
                case '+':
                    return $"'+' may only come first (position {position})";
                case ' ' or '-' or '.':
                    break;
                case '(' when groupStart >= 0:
                    return $"parentheses cannot be nested (position {position})";
                case '(':
                    groupStart = collected.Length;
                    break;
                case ')' when groupStart < 0:
                    return $"')' without '(' (position {position})";
                case ')':
                    if (collected.Length - groupStart == 1 && collected[groupStart] == '0' && IsInternational(international, collected, groupStart))
                    {
                        collected.Length = groupStart;
                    }

                    groupStart = -1;
                    break;
                default:
                    return $"unexpected character {InputText.Describe(c)} at position {position}: use digits, a leading +, spaces, dashes, dots or parentheses";
            }
        }

        if (groupStart >= 0)
        {
            return "'(' without ')'";
        }

        digits = collected.ToString();
        return null;
    }

    /// <summary>True when the digits before <paramref name="end"/> already carry a country code (after + or 00).</summary>
    private static bool IsInternational(bool plus, StringBuilder digits, int end) =>
        end > 0 && (plus || (end > 2 && digits[0] == '0' && digits[1] == '0'));
}
