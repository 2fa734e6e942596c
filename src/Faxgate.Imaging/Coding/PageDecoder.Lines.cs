namespace Faxgate.Imaging.Coding;

/// <summary>
/// How the page decoder finds and decodes the next line: T.6 lines follow each other; T.4 lines
/// follow EOLs (when the page has them), and damage is skipped from EOL to EOL.
/// </summary>
public sealed partial class PageDecoder
{
    private const int EolZeros = 11;
    private const uint EmptyWhiteRun = 0b0011_0101;        // white run of length 0 (T.4 Table 2)
    private const uint EmptyBlackRun = 0b00_0011_0111;     // black run of length 0
    private const int EmptyBlackRunLength = 10;

    private Step StepT6(ref BitReader reader, bool final)
    {
        if (OnlyZerosRemain(ref reader))
        {
            return final ? Step.EndOfData : Step.NeedMore;
        }

        long start = reader.Position;
        int count = LineDecoder.DecodeTwoDimensional(ref reader, _width, _reference, _current);
        if (_options.ByteAlignedLines && count >= 0)
        {
            reader.AlignToByte();
        }

        if (!final && (reader.Overrun || (count < 0 && MayNeedMoreData(ref reader))))
        {
            return Step.NeedMore;
        }

        if (count == LineDecoder.EndOfBlock)
        {
            return Step.EndOfPage;
        }

        if (count < 0 || reader.Overrun)
        {
            Fail(reader.Overrun ? "the data ends in the middle of a line" : "invalid T.6 code", start >> 3);
            return Step.EndOfData;
        }

        CommitGood(count);
        return Step.Line;
    }

    private Step StepT4(ref BitReader reader, bool final)
    {
        bool oneDimensional = _scheme == CodingScheme.Mh;
        bool sawEol = false;
        int eols = 0;  // counted into _eolRun only once the step is over: a step may be retried with more data

        // Fill, EOLs (each followed by the 1D/2D tag bit in MR), or the end of the data.
        while (true)
        {
            if (OnlyZerosRemain(ref reader))
            {
                return final ? Step.EndOfData : Step.NeedMore;
            }

            if (reader.LeadingZeros < EolZeros)
            {
                break;
            }

            reader.SkipZeros();
            reader.Ensure(2);
            reader.Skip(1);
            if (_scheme == CodingScheme.Mr)
            {
                oneDimensional = reader.Peek(1) == 1;
                reader.Skip(1);
            }

            if (reader.Overrun)
            {
                return final ? Step.EndOfData : Step.NeedMore;
            }

            sawEol = true;
            if (_eolRun + ++eols >= _options.EolsForEndOfPage)
            {
                return Step.EndOfPage;
            }
        }

        bool eolMode = _eolMode || sawEol;
        if (!sawEol && eolMode)
        {
            // Data between lines that is not an EOL: the remains of a damaged line. Skip to the next EOL.
            FindNextEol(ref reader);
            return !final && reader.Overrun ? Step.NeedMore : Step.Line;
        }

        if (_options.ByteAlignedLines)
        {
            reader.AlignToByte();
        }

        long start = reader.Position;
        int count;
        if (oneDimensional)
        {
            count = LineDecoder.DecodeOneDimensional(ref reader, _width, _current);
        }
        else
        {
            count = _referenceValid
                ? LineDecoder.DecodeTwoDimensional(ref reader, _width, _reference, _current)
                : LineDecoder.Invalid;
        }

        if (_options.ByteAlignedLines && count >= 0 && !eolMode)
        {
            reader.AlignToByte(); // the padding before the next line; with EOLs it follows the EOL
        }

        if (!final && (reader.Overrun || (count < 0 && MayNeedMoreData(ref reader))))
        {
            return Step.NeedMore;
        }

        if (reader.Overrun)
        {

            CommitBad("the data ends in the middle of a line", start >> 3);
            _truncated = true;
            return Step.EndOfData;
        }

        if (count >= 0 && eolMode)
        {
            // A good line is followed by fill and the next EOL; anything else means it was damaged.
            switch (FollowedByEol(ref reader, final))
            {
                case null:
                    return Step.NeedMore;
                case false:
                    count = LineDecoder.Invalid;
                    break;
            }
        }

        _eolRun = 0;
        _eolMode = eolMode;
        _linesWithoutEol += sawEol ? 0 : 1;
        if (count >= 0)
        {
            CommitGood(count);
            return Step.Line;
        }

        CommitBad(oneDimensional || _referenceValid ? "invalid T.4 code" : "2D line after a damaged line", start >> 3);
        if (eolMode)
        {
            FindNextEol(ref reader);
            return Step.Line;
        }

        // Without EOLs there is nowhere to pick up again, unless the data shows an EOL further on.
        if (!final)
        {
            _truncated = true;
            return Step.EndOfData;
        }

        FindNextEol(ref reader);
        if (reader.AtEnd)
        {
            _truncated = true;
            return Step.EndOfData;
        }

        return Step.Line;
    }

    /// <summary>
    /// A code that did not decode may only have been cut off by the end of the data so far: the
    /// decoder stopped within one code word of the end.
    /// </summary>
    private static bool MayNeedMoreData(ref BitReader reader) =>
        reader.Position + T4CodeWords.MaxRunCodeLength >= reader.LengthInBits;

    /// <summary>True when nothing but zero bits (or nothing) is left in the data.</summary>
    private static bool OnlyZerosRemain(ref BitReader reader)
    {
        reader.Refill();
        return reader.Position + reader.LeadingZeros >= reader.LengthInBits;
    }

    /// <summary>
    /// Whether fill and an EOL follow; null when the data so far ends before that can be told.
    /// Codes for empty runs are passed over: some encoders end a line that ends black with a
    /// white run of length zero.
    /// </summary>
    private static bool? FollowedByEol(ref BitReader reader, bool final)
    {
        while (true)
        {
            long remaining = reader.LengthInBits - reader.Position;
            if (!final && remaining < EolZeros + EmptyBlackRunLength + 1)
            {
                return null;
            }

            reader.Refill();
            if (reader.Peek(8) == EmptyWhiteRun)
            {
                reader.Skip(8);
                continue;
            }

            if (reader.Peek(EmptyBlackRunLength) == EmptyBlackRun)
            {
                reader.Skip(EmptyBlackRunLength);
                continue;
            }

            int zeros = reader.LeadingZeros;
            return Math.Min(zeros, remaining) >= EolZeros || zeros >= remaining;
        }
    }

    /// <summary>Moves to the start of the next run of eleven or more zeros (an EOL), or past the end.</summary>
    private static void FindNextEol(ref BitReader reader)
    {
        while (!reader.AtEnd)
        {
            reader.Refill();
            int zeros = reader.LeadingZeros;
            if (zeros >= EolZeros)
            {
                return;
            }

            reader.Skip(zeros + 1);
        }
    }
}
