namespace Faxgate.Fax.T30.Frames;

/// <summary>
/// The 20-octet FIF of TSI, CSI and CIG (T.30 5.3.6.2.4) and of SUB, SID, PWD and SEP, which share its coding:
/// one ASCII character per octet in reverse order, the last character of the text in the first octet, padded with
/// spaces to 20 octets. HDLC sends each octet least significant bit first, which is the T.30 bit order, so the
/// octets are the plain character codes. T.30 Table 3 allows digits, "+" and space in identities (and "*", "#"
/// in addresses); encoding accepts any printable ASCII, as stations in service use more, and decoding takes
/// whatever arrives.
/// </summary>
public static class FaxIdentifier
{
    /// <summary>The number of octets in the field, and the longest text it carries.</summary>
    public const int Length = 20;

    /// <summary>The 20 octets for <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">More than 20 characters, or one outside printable ASCII.</exception>
    public static byte[] Encode(string text)
    {
        byte[] fif = new byte[Length];
        Encode(text, fif);
        return fif;
    }

    /// <summary>Writes the 20 octets for <paramref name="text"/> into <paramref name="destination"/>.</summary>
    /// <exception cref="ArgumentException">More than 20 characters, or one outside printable ASCII, or a short destination.</exception>
    public static void Encode(string text, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > Length)
        {
            throw new ArgumentException($"\"{text}\" has {text.Length} characters; the field holds {Length}", nameof(text));
        }

        if (destination.Length < Length)
        {
            throw new ArgumentException($"the destination has {destination.Length} octets; the field needs {Length}", nameof(destination));
        }

        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c is < ' ' or > '~')
            {
                throw new ArgumentException($"character {i} of the identifier is U+{(int)c:X4}, not printable ASCII", nameof(text));
            }

            destination[text.Length - 1 - i] = (byte)c;
        }

        destination[text.Length..Length].Fill((byte)' ');
    }

    /// <summary>
    /// The text of a received field, leading and trailing spaces removed. Lenient: any length is read, and octets
    /// outside printable ASCII become "?".
    /// </summary>
    public static string Decode(ReadOnlySpan<byte> fif)
    {
        int end = fif.Length;
        while (end > 0 && fif[end - 1] == ' ')
        {
            end--;
        }

        int start = 0;
        while (start < end && fif[start] == ' ')
        {
            start++;
        }

        ReadOnlySpan<byte> text = fif[start..end];
        Span<char> chars = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        for (int i = 0; i < chars.Length; i++)
        {
            byte b = text[text.Length - 1 - i];
            chars[i] = b is >= (byte)' ' and <= (byte)'~' ? (char)b : '?';
        }

        return new string(chars);
    }

    /// <summary>Whether <paramref name="text"/> uses only the characters T.30 Table 3 allows in TSI, CSI and CIG: digits, "+" and space.</summary>
    public static bool IsTable3Number(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= Length && text.All(c => c is (>= '0' and <= '9') or '+' or ' ');
    }
}
