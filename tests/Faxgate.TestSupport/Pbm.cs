using System.Text;
using Faxgate.Imaging.Pages;

namespace Faxgate.TestSupport;

/// <summary>Reads the raw PBM (P4) files that ghostscript and pdfimages write: 1 = black, rows padded to bytes.</summary>
public static class Pbm
{
    public static (int Width, int Height, byte[] Pixels) Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        int position = 0;
        string magic = Token(data, ref position);
        if (magic != "P4")
        {
            throw new InvalidDataException($"{path} is not a raw PBM ({magic})");
        }

        int width = int.Parse(Token(data, ref position), System.Globalization.CultureInfo.InvariantCulture);
        int height = int.Parse(Token(data, ref position), System.Globalization.CultureInfo.InvariantCulture);
        position++; // the single whitespace after the height
        int length = BilevelPage.StrideFor(width) * height;
        if (data.Length - position < length)
        {
            throw new InvalidDataException($"{path} holds {data.Length - position} bytes of pixels, {length} expected");
        }

        byte[] pixels = data.AsSpan(position, length).ToArray();
        int spare = (BilevelPage.StrideFor(width) * 8) - width;
        if (spare > 0)
        {
            int stride = BilevelPage.StrideFor(width);
            for (int i = stride - 1; i < pixels.Length; i += stride)
            {
                pixels[i] &= (byte)(0xFF << spare);
            }
        }

        return (width, height, pixels);
    }

    private static string Token(byte[] data, ref int position)
    {
        while (position < data.Length && (char.IsWhiteSpace((char)data[position]) || data[position] == '#'))
        {
            if (data[position] == '#')
            {
                while (position < data.Length && data[position] != '\n')
                {
                    position++;
                }
            }
            else
            {
                position++;
            }
        }

        var token = new StringBuilder();
        while (position < data.Length && !char.IsWhiteSpace((char)data[position]))
        {
            token.Append((char)data[position++]);
        }

        return token.ToString();
    }
}
