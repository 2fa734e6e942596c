using System.Diagnostics.CodeAnalysis;
using System.Text;
using Faxgate.Storage.Addressing;

namespace Faxgate.Server.Calls;

/// <summary>
/// The number an incoming call is for, from the user part of its Request-URI, in E.164. The rules, in order:
/// <list type="number">
/// <item>Parameters are dropped: everything from the first ';' (e.g. <c>;phone-context=...</c>, <c>;npdi</c>).</item>
/// <item>Visual separators are dropped: '-', '.', '(', ')' and spaces. What is left must be digits, with at most one
/// leading '+'; letters, '*', '#' or anything else make the number unusable.</item>
/// <item>'+' and digits is international: <c>+27115551234</c>.</item>
/// <item>'00' and digits is international too (the international prefix): <c>0027115551234</c> is +27115551234.</item>
/// <item>With a default country code: one leading '0' is the national trunk prefix and is replaced by the country
/// code (<c>0115551234</c> with 27 is +27115551234), and digits without any prefix are a national significant number
/// the country code is put before (<c>115551234</c> with 27 is +27115551234).</item>
/// <item>Without a default country code only international numbers are usable.</item>
/// <item>The result must be a valid E.164 number (<see cref="E164Number"/>: 8 to 15 digits, country code not 0).</item>
/// </list>
/// A trunk that sends international numbers without '+' or '00' is not recognised as such: with a default country code
/// they get the country code twice and match no number.
/// </summary>
public static class DialledNumber
{
    /// <summary>Longest user part looked at, parameters included; longer ones are refused unread.</summary>
    public const int MaxUserPartLength = 256;

    /// <summary>
    /// The number of an incoming call: the user part of its Request-URI, or, when that is no number, the user part of its
    /// To header. A registrar delivers a call to the Contact Faxgate registered (<c>sip:faxgate@HOST:PORT</c>) and
    /// leaves the dialled number in To.
    /// </summary>
    public static bool TryFromCall(string? requestUriUser, string? toUser, string? defaultCountryCode, [NotNullWhen(true)] out E164Number? number) =>
        TryNormalise(requestUriUser, defaultCountryCode, out number) || TryNormalise(toUser, defaultCountryCode, out number);

    public static bool TryNormalise(string? userPart, string? defaultCountryCode, [NotNullWhen(true)] out E164Number? number)
    {
        number = null;
        if (defaultCountryCode is not null && !(defaultCountryCode.Length is >= 1 and <= 3 && defaultCountryCode.All(char.IsAsciiDigit) && defaultCountryCode[0] != '0'))
        {
            throw new ArgumentException($"a country code is 1-3 digits, not '{defaultCountryCode}'", nameof(defaultCountryCode));
        }

        if (string.IsNullOrEmpty(userPart) || userPart.Length > MaxUserPartLength)
        {
            return false;
        }

        int semicolon = userPart.IndexOf(';', StringComparison.Ordinal);
        string text = semicolon < 0 ? userPart : userPart[..semicolon];
        var digits = new StringBuilder(text.Length);
        bool plus = false;
        foreach (char c in text)
        {
            switch (c)
            {
                case >= '0' and <= '9':
                    digits.Append(c);
                    break;
                case '+' when digits.Length == 0 && !plus:
                    plus = true;
                    break;
                case '-' or '.' or '(' or ')' or ' ':
                    break;
                default:
                    return false;
            }
        }

        string national = digits.ToString();
        string? international = (plus, national) switch
        {
            (true, _) => national,
            (false, _) when national.StartsWith("00", StringComparison.Ordinal) => national[2..],
            (false, _) when defaultCountryCode is null => null,
            (false, _) when national.StartsWith('0') => defaultCountryCode + national[1..],
            _ => defaultCountryCode + national,
        };
        return international is not null
            && international.Length <= E164Number.MaxDigits
            && E164Number.TryParse("+" + international, null, out number, out _);
    }
}
