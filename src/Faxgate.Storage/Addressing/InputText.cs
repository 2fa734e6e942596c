using System.Text;

namespace Faxgate.Storage.Addressing;

/// <summary>How operator input appears inside an error message: quoted, cut short, control characters escaped.</summary>
public static class InputText
{
    private const int MaxShown = 64;

    public static string Quote(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var shown = new StringBuilder("'");
        foreach (char c in text.Length <= MaxShown ? text : text[..MaxShown])
        {
            shown.Append(char.IsControl(c) || char.IsSurrogate(c) || c == '\'' ? $"\\u{(int)c:x4}" : c);
        }

        return shown.Append(text.Length <= MaxShown ? "'" : "'...").ToString();
    }

    internal static string Describe(char c) => c switch
    {
        ' ' => "' ' (a space)",
        > ' ' and <= '~' => $"'{c}'",
        _ => $"U+{(int)c:X4}",
    };
}
