using System.Runtime.CompilerServices;
using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Coding;

/// <summary>
/// Codes rows one after another in MH, MR or MMR (T.4 4.1 and 4.2, T.6 2.2), with the EOL, fill,
/// minimum line length and RTC/EOFB framing a fax line or a TIFF file asks for.
/// </summary>
public sealed class LineEncoder
{
    private const int Rtc = 6;

    private readonly int _width;
    private readonly EncoderOptions _options;
    private readonly bool _t4;
    private readonly BitWriter _writer;
    private int[] _reference;
    private int[] _current;
    private int _rows;
    private long _lineStart = -1;  // bit position where the last line's data began
    private bool _finished;

    public LineEncoder(int width, EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (width is < 1 or > BilevelPage.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be 1..{BilevelPage.MaxWidth}");
        }

        options.Validate();
        _width = width;
        _options = options;
        _t4 = options.Scheme != CodingScheme.Mmr;
        _writer = new BitWriter(width * 4);
        _reference = new int[ChangingElements.Capacity(width)];
        _current = new int[ChangingElements.Capacity(width)];
        ChangingElements.Terminate(_reference, 0, width);
    }

    /// <summary>Codes one row of packed pixels (1 = black, most significant bit first).</summary>
    public void EncodeRow(ReadOnlySpan<byte> row)
    {
        if (_finished)
        {
            throw new InvalidOperationException("the page has been finished");
        }

        if (row.Length < BilevelPage.StrideFor(_width))
        {
            throw new ArgumentException("row is shorter than the width", nameof(row));
        }

        int count = ChangingElements.Find(row, _width, _current);
        ChangingElements.Terminate(_current, count, _width);
        _writer.Reserve(((long)count + 4) * 32 + _options.MinLineBits + 64);

        bool oneDimensional = _options.Scheme switch
        {
            CodingScheme.Mh => true,
            CodingScheme.Mr => _rows % _options.K == 0,
            _ => false,
        };

        if (_t4 && _options.EndOfLine)
        {
            WriteEol(oneDimensional);
        }

        if (_options.ByteAlignedLines)
        {
            _writer.AlignToByte();
        }

        _lineStart = _writer.BitPosition;
        if (oneDimensional)
        {
            EncodeOneDimensional(_current, count);
        }
        else
        {
            EncodeTwoDimensional(_current, _reference);
        }

        (_reference, _current) = (_current, _reference);
        _rows++;
    }

    /// <summary>Ends the page (RTC or EOFB if asked for) and returns the coded bytes.</summary>
    public byte[] Finish()
    {
        if (!_finished && _options.EndOfPage)
        {
            _writer.Reserve(((long)Rtc * 13) + _options.MinLineBits + 64);
            if (_options.ByteAlignedLines)
            {
                _writer.AlignToByte();
            }

            if (_t4)
            {
                for (int i = 0; i < Rtc; i++)
                {
                    if (i == 0)
                    {
                        WriteEol(true);
                    }
                    else
                    {
                        WriteEolCode(true);
                    }
                }
            }
            else
            {
                _writer.Write(T4CodeWords.Eol, T4CodeWords.EolLength);
                _writer.Write(T4CodeWords.Eol, T4CodeWords.EolLength);
            }
        }

        _finished = true;
        return _writer.ToArray();
    }

    /// <summary>Codes a whole page.</summary>
    public static byte[] Encode(BilevelPage page, EncoderOptions options)
    {
        ArgumentNullException.ThrowIfNull(page);
        var encoder = new LineEncoder(page.Width, options);
        for (int y = 0; y < page.Height; y++)
        {
            encoder.EncodeRow(page.Row(y));
        }

        return encoder.Finish();
    }

    /// <summary>Codes a whole page and describes the result for writers that embed it.</summary>
    public static CodedPage EncodeToCodedPage(BilevelPage page, EncoderOptions options)
    {
        byte[] data = Encode(page, options);
        bool t4 = options.Scheme != CodingScheme.Mmr;
        return new CodedPage(options.Scheme, data, t4 && options.EndOfLine, options.ByteAlignedLines, options.EndOfPage);
    }

    /// <summary>Fill for the previous line, then EOL (and the MR tag bit: 1 before a 1D line).</summary>
    private void WriteEol(bool nextOneDimensional)
    {
        int eolLength = _options.Scheme == CodingScheme.Mr ? T4CodeWords.EolLength + 1 : T4CodeWords.EolLength;
        if (_lineStart >= 0 && _options.MinLineBits > 0)
        {
            long used = _writer.BitPosition - _lineStart + eolLength;
            if (used < _options.MinLineBits)
            {
                _writer.WriteZeros(_options.MinLineBits - used);
            }
        }

        if (_options.AlignEol)
        {
            // The EOL itself ends on the byte boundary; MR's tag bit starts the next byte (TIFF 6.0, T4Options bit 2).
            int misalignment = (int)((_writer.BitPosition + T4CodeWords.EolLength) & 7);
            if (misalignment != 0)
            {
                _writer.Write(0, 8 - misalignment);
            }
        }

        WriteEolCode(nextOneDimensional);
    }

    private void WriteEolCode(bool nextOneDimensional)
    {
        if (_options.Scheme == CodingScheme.Mr)
        {
            _writer.Write((T4CodeWords.Eol << 1) | (nextOneDimensional ? 1u : 0u), T4CodeWords.EolLength + 1);
        }
        else
        {
            _writer.Write(T4CodeWords.Eol, T4CodeWords.EolLength);
        }
    }

    private void EncodeOneDimensional(int[] changes, int count)
    {
        int a0 = 0;
        for (int i = 0; i < count; i++)
        {
            WriteRun(changes[i] - a0, black: (i & 1) != 0);
            a0 = changes[i];
        }

        WriteRun(_width - a0, black: (count & 1) != 0);
    }

    private void EncodeTwoDimensional(int[] coding, int[] reference)
    {
        int a0 = -1;
        bool black = false;
        int a = 0;  // index of a1 in the coding line
        int b = 0;  // index of b1 in the reference line; its parity follows the colour of a0
        while (true)
        {
            while (reference[b] <= a0)
            {
                b += 2;
            }

            int a1 = coding[a];
            int b1 = reference[b];
            int b2 = reference[b + 1];
            if (b2 < a1)
            {
                _writer.Write(0b0001, 4);
                a0 = b2;
                b += 2;
            }
            else if (a1 - b1 is >= -3 and <= 3)
            {
                VerticalCode code = VerticalCodes[a1 - b1 + 3];
                _writer.Write(code.Code, code.Length);
                a0 = a1;
                black = !black;
                a++;
                b = b > 0 ? b - 1 : b + 1;
            }
            else
            {
                int a2 = coding[a + 1];
                int start = a0 < 0 ? 0 : a0;
                _writer.Write(0b001, 3);
                WriteRun(a1 - start, black);
                WriteRun(a2 - a1, !black);
                a0 = a2;
                a += 2;
            }

            if (a0 >= _width)
            {
                return;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void WriteRun(int run, bool black)
    {
        RunCode[] table = black ? BlackRuns : WhiteRuns;
        while (run >= RunCodeLimit)
        {
            _writer.Write(LongestMakeUp.Code, LongestMakeUp.Length);
            run -= MaxMakeUp;
        }

        RunCode code = table[run];
        _writer.Write(code.Code, code.Length);
    }

    private readonly record struct RunCode(uint Code, int Length);

    private readonly record struct VerticalCode(uint Code, int Length);

    private const int MaxMakeUp = 2560;

    /// <summary>Runs below this take one make-up code at most (T.4 4.1.1.3).</summary>
    private const int RunCodeLimit = MaxMakeUp + 64;

    /// <summary>The extended make-up code for 2560, the same for both colours.</summary>
    private static readonly RunCode LongestMakeUp = new(
        T4CodeWords.Parse(T4CodeWords.ExtendedMakeUp[^1]).Code,
        T4CodeWords.Parse(T4CodeWords.ExtendedMakeUp[^1]).Length);

    private static readonly RunCode[] WhiteRuns = BuildRunCodes(black: false);
    private static readonly RunCode[] BlackRuns = BuildRunCodes(black: true);

    private static readonly VerticalCode[] VerticalCodes = T4CodeWords.Vertical
        .Select(bits => T4CodeWords.Parse(bits))
        .Select(word => new VerticalCode(word.Code, word.Length))
        .ToArray();

    /// <summary>For every run below <see cref="RunCodeLimit"/>, its make-up and terminating codes as one bit string.</summary>
    private static RunCode[] BuildRunCodes(bool black)
    {
        T4CodeWords.CodeWord[] words = T4CodeWords.RunCodes(black);
        var table = new RunCode[RunCodeLimit];
        for (int run = 0; run < RunCodeLimit; run++)
        {
            T4CodeWords.CodeWord terminating = words[run & 63];
            if (run < 64)
            {
                table[run] = new RunCode(terminating.Code, terminating.Length);
                continue;
            }

            T4CodeWords.CodeWord makeUp = words[63 + (run >> 6)];
            table[run] = new RunCode(((uint)makeUp.Code << terminating.Length) | terminating.Code, makeUp.Length + terminating.Length);
        }

        return table;
    }
}
