using System.IO.Compression;
using System.Security.Cryptography;

namespace Faxgate.Storage.Backup;

/// <summary>
/// Reads the lines of a backup file (gzip of JSON lines) without decoding them as text, and hashes the bytes of the
/// lines it is told to, so the trailer's SHA-256 is checked against exactly what was written. A line is valid until
/// the next read. Damage (bad compressed data, a last line without its end, an absurdly long line) is reported as an
/// <see cref="InvalidRequestException"/> that names the file.
/// </summary>
internal sealed class BackupLineReader : IAsyncDisposable
{
    private readonly string _name;
    private readonly Stream _file;
    private readonly GZipStream _input;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _scanned;
    private int _end;
    private bool _eof;

    private BackupLineReader(string name, Stream file)
    {
        _name = name;
        _file = file;
        _input = new GZipStream(file, CompressionMode.Decompress);
    }

    /// <summary>Lines read so far (the number of the line last returned).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Opens a backup file, refusing one that is not gzip-compressed at all.</summary>
    public static async Task<BackupLineReader> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        byte[] magic = new byte[2];
        int read = await file.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw new InvalidRequestException($"{path} is not a Faxgate backup file (it is not gzip-compressed)");
        }

        file.Position = 0;
        return new BackupLineReader(path, file);
    }

    /// <summary>The next line without its newline, or null at the end of the file.</summary>
    public async ValueTask<ReadOnlyMemory<byte>?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            int newline = _buffer.AsSpan(_scanned, _end - _scanned).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                int end = _scanned + newline;
                ReadOnlyMemory<byte> line = _buffer.AsMemory(_start, end - _start);
                _start = _scanned = end + 1;
                LineNumber++;
                return line;
            }

            _scanned = _end;
            if (_eof)
            {
                if (_end > _start)
                {
                    throw Damaged($"it ends in the middle of line {LineNumber + 1} (truncated?)");
                }

                return null;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds a line (and its newline) to the running hash.</summary>
    public void Hash(ReadOnlyMemory<byte> line)
    {
        _hash.AppendData(line.Span);
        _hash.AppendData("\n"u8);
    }

    /// <summary>The SHA-256 of the lines hashed so far, as lower-case hex.</summary>
    public string HashHex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    public InvalidRequestException Damaged(string why) => new($"{_name} is damaged: {why}; nothing was restored");

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _scanned -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= BackupFormat.MaxLineBytes)
            {
                throw Damaged($"line {LineNumber + 1} is longer than {BackupFormat.MaxLineBytes} bytes");
            }

            Array.Resize(ref _buffer, Math.Min(BackupFormat.MaxLineBytes, _buffer.Length * 2));
        }

        int read;
        try
        {
            read = await _input.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException exception)
        {
            throw Damaged($"its compressed data is broken after line {LineNumber} ({exception.Message})");
        }

        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    public async ValueTask DisposeAsync()
    {
        _hash.Dispose();
        await _input.DisposeAsync().ConfigureAwait(false);
        await _file.DisposeAsync().ConfigureAwait(false);
    }
}
