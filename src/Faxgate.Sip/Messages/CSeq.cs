using System.Diagnostics.CodeAnalysis;

namespace Faxgate.Sip.Messages;

/// <summary>CSeq (RFC 3261 section 20.16): a sequence number below 2**32 and a method.</summary>
public sealed record CSeq(uint Number, string Method)
{
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out CSeq? cseq)
    {
        cseq = null;
        var reader = new SipValueReader(text);
        reader.SkipWhitespace();
        ReadOnlySpan<char> digits = reader.ReadWhile(static c => SipSyntax.IsDigit(c));
        int before = reader.Position;
        reader.SkipWhitespace();
        ReadOnlySpan<char> method = reader.ReadToken();
        reader.SkipWhitespace();
        if (digits.IsEmpty || reader.Position == before || method.IsEmpty || !reader.AtEnd || !uint.TryParse(digits, out uint number))
        {
            return false;
        }

        cseq = new CSeq(number, method.ToString());
        return true;
    }

    public override string ToString() => $"{Number} {Method}";
}
