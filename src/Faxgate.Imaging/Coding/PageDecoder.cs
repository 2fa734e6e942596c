using Faxgate.Imaging.Pages;

namespace Faxgate.Imaging.Coding;

/// <summary>
/// Decodes one page of T.4 (MH, MR) or T.6 (MMR) coded data into rows, either from one buffer
/// (<see cref="Decode"/>) or as the data arrives (<see cref="Push"/> then <see cref="Finish"/>).
/// Like a fax machine it conceals line errors: a T.4 line that does not decode is replaced by
/// the last good line and decoding resumes at the next EOL; the counts it keeps
/// (<see cref="Quality"/>) are what a T.30 receiver answers MCF, RTP or RTN by. T.6 data and T.4
/// data without EOLs cannot be resynchronised, so an error there ends the page early.
/// Every input ends in bounded time and memory with a page or an <see cref="ImageFormatException"/>.
/// </summary>
public sealed partial class PageDecoder
{
    private readonly CodingScheme _scheme;
    private readonly int _width;
    private readonly int _stride;
    private readonly DecoderOptions _options;
    private readonly int _maxLines;

    private int[] _reference;
    private int[] _current;
    private bool _referenceValid = true;

    private byte[] _pixels;
    private int _lines;
    private int _lastGood = -1;

    private int _badLines;
    private int _badRun;
    private int _longestBadRun;
    private bool _truncated;
    private string? _error;

    private bool _eolMode;    // T.4: the page has shown an EOL, so lines are found from EOL to EOL
    private int _linesWithoutEol;
    private int _eolRun;      // EOLs seen since the last line
    private bool _endOfPage;  // RTC or EOFB seen
    private bool _ended;

    private byte[] _pending = [];
    private int _pendingLength;
    private long _pendingBit;  // decoding position in _pending
    private long _consumedBefore; // bytes dropped from the front of _pending

    public PageDecoder(CodingScheme scheme, int width, DecoderOptions? options = null)
    {
        if (width is < 1 or > BilevelPage.MaxWidth)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be 1..{BilevelPage.MaxWidth}");
        }

        if (!Enum.IsDefined(scheme))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme));
        }

        _options = options ?? DecoderOptions.Default;
        _scheme = scheme;
        _width = width;
        _stride = BilevelPage.StrideFor(width);
        _maxLines = _options.Height ?? _options.MaxLines;
        if (_maxLines < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "a page needs at least one row");
        }

        _reference = new int[ChangingElements.Capacity(width)];
        _current = new int[ChangingElements.Capacity(width)];
        ChangingElements.Terminate(_reference, 0, width);
        long initialRows = _options.Height ?? Math.Min(_maxLines, 1200);
        _pixels = new byte[checked((int)(initialRows * _stride))];
        _eolMode = scheme == CodingScheme.Mr;
    }

    private enum Step
    {
        Line,
        NeedMore,
        EndOfData,
        EndOfPage,
    }

    /// <summary>What the decoder has found so far.</summary>
    public LineQuality Quality => new(_lines, _badLines, _longestBadRun, _truncated, _error);

    /// <summary>The page has ended (RTC, EOFB, its known height, or an error that ends it); further data is ignored.</summary>
    public bool IsComplete => _ended;

    /// <summary>Decodes a whole page held in one buffer.</summary>
    public static BilevelPage Decode(ReadOnlySpan<byte> data, CodingScheme scheme, int width, PageResolution resolution, DecoderOptions? options = null)
    {
        var decoder = new PageDecoder(scheme, width, options);
        long bit = 0;
        decoder.Run(data, ref bit, final: true);
        return decoder.Build(resolution, bit);
    }

    /// <summary>
    /// Decodes a whole page and, when it decoded without a single error, keeps
    /// <paramref name="data"/> as the page's <see cref="BilevelPage.Coded"/> form (not copied).
    /// </summary>
    public static BilevelPage DecodeKeepingCoded(byte[] data, CodingScheme scheme, int width, PageResolution resolution, DecoderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var decoder = new PageDecoder(scheme, width, options);
        long bit = 0;
        decoder.Run(data, ref bit, final: true);
        bool endOfLine = scheme != CodingScheme.Mmr && decoder._eolMode && decoder._linesWithoutEol == 0;
        var coded = new CodedPage(scheme, data, endOfLine, decoder._options.ByteAlignedLines, decoder._endOfPage);
        return decoder.Build(resolution, bit, coded);
    }

    /// <summary>Feeds the next piece of coded data, of any size; decodes every line it completes.</summary>
    public void Push(ReadOnlySpan<byte> data)
    {
        while (!_ended && !data.IsEmpty)
        {
            Compact();
            int room = _options.MaxPendingBytes - _pendingLength;
            if (room <= 0)
            {
                Fail($"a scan line is longer than the limit of {_options.MaxPendingBytes} bytes", _consumedBefore + _pendingLength);
                return;
            }

            int take = Math.Min(room, data.Length);
            if (_pendingLength + take > _pending.Length)
            {
                Array.Resize(ref _pending, Math.Max(_pendingLength + take, Math.Min(_pending.Length * 2, _options.MaxPendingBytes)));
            }

            data[..take].CopyTo(_pending.AsSpan(_pendingLength));
            _pendingLength += take;
            data = data[take..];
            Run(_pending.AsSpan(0, _pendingLength), ref _pendingBit, final: false);
        }
    }

    /// <summary>Ends the data: decodes what remains and returns the page.</summary>
    public BilevelPage Finish(PageResolution resolution)
    {
        if (!_ended)
        {
            Run(_pending.AsSpan(0, _pendingLength), ref _pendingBit, final: true);
        }

        return Build(resolution, _pendingBit);
    }

    private void Compact()
    {
        int drop = (int)(_pendingBit >> 3);
        if (drop == 0)
        {
            return;
        }

        _pending.AsSpan(drop, _pendingLength - drop).CopyTo(_pending);
        _pendingLength -= drop;
        _pendingBit -= (long)drop << 3;
        _consumedBefore += drop;
    }

    private void Run(ReadOnlySpan<byte> data, ref long bitPosition, bool final)
    {
        var reader = new BitReader(data, bitPosition);
        while (!_ended)
        {
            long lineStart = reader.Position;
            Step step = _scheme == CodingScheme.Mmr ? StepT6(ref reader, final) : StepT4(ref reader, final);
            switch (step)
            {
                case Step.NeedMore:
                    bitPosition = lineStart;
                    return;
                case Step.EndOfData:
                    _ended = true;
                    break;
                case Step.EndOfPage:
                    _endOfPage = true;
                    _ended = true;
                    break;
                default:
                    if (_lines >= _maxLines)
                    {
                        _ended = true;
                    }

                    break;
            }
        }

        bitPosition = Math.Min(reader.Position, reader.LengthInBits);
    }

    private void CommitGood(int count)
    {
        Span<byte> row = NextRow();
        ChangingElements.Render(_current, count, _width, row);
        ChangingElements.Terminate(_current, count, _width);
        (_reference, _current) = (_current, _reference);
        _referenceValid = true;
        _lastGood = _lines;
        _lines++;
        _badRun = 0;
    }

    private void CommitBad(string reason, long offset)
    {
        Span<byte> row = NextRow();
        if (_lastGood >= 0)
        {
            _pixels.AsSpan(_lastGood * _stride, _stride).CopyTo(row);
        }

        _lines++;
        _badLines++;
        _badRun++;
        _longestBadRun = Math.Max(_longestBadRun, _badRun);
        _referenceValid = false;
        _error ??= $"{reason} in row {_lines - 1} (at byte {_consumedBefore + offset})";
    }

    private void Fail(string reason, long offset)
    {
        _truncated = true;
        _error ??= $"{reason} after {_lines} rows (at byte {_consumedBefore + offset})";
        _ended = true;
    }

    private Span<byte> NextRow()
    {
        long needed = (long)(_lines + 1) * _stride;
        if (needed > _pixels.Length)
        {
            long rows = Math.Min(_maxLines, Math.Max(_lines + 1, (long)_lines * 2));
            Array.Resize(ref _pixels, checked((int)(rows * _stride)));
        }

        return _pixels.AsSpan(_lines * _stride, _stride);
    }

    private BilevelPage Build(PageResolution resolution, long endBit, CodedPage? coded = null)
    {
        int height = _options.Height ?? _lines;
        if (_lines == 0 && _options.Height is null)
        {
            throw new ImageFormatException($"no scan line could be decoded: {_error ?? "the data holds no lines"}", _consumedBefore + (endBit >> 3));
        }

        if (_options.Height is null && !_endOfPage && _lines >= _options.MaxLines)
        {
            _truncated = true;
            _error ??= $"the page is longer than the limit of {_options.MaxLines} rows";
        }

        if (_lines < height)
        {
            _truncated = true;
            _error ??= $"the data ends after {_lines} of {height} rows";
        }

        byte[] pixels = _pixels.Length == (long)height * _stride ? _pixels : _pixels.AsSpan(0, height * _stride).ToArray();
        var quality = new LineQuality(height, _badLines, _longestBadRun, _truncated, _error);
        return new BilevelPage(_width, height, resolution, pixels)
        {
            Quality = quality,
            Coded = quality.IsClean ? coded : null,
        };
    }

}
