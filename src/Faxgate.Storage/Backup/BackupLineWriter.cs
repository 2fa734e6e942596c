using System.Buffers;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Faxgate.Storage.Backup;

/// <summary>
/// Writes the JSON lines of a backup file to the (compressing) stream and keeps the SHA-256 of every byte written, for
/// the trailer. One line is built at a time, so a table of any size streams through in rows. Text is written as
/// UTF-8 with only what JSON requires escaped (the file is never embedded in HTML), so it reads well with zcat.
/// </summary>
internal sealed class BackupLineWriter : IDisposable
{
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _line = new(64 * 1024);
    private readonly Utf8JsonWriter _json;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public BackupLineWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>Writes one line built by <paramref name="build"/>; <paramref name="hashed"/> is false only for the trailer.</summary>
    public async Task WriteLineAsync(Action<Utf8JsonWriter> build, CancellationToken cancellationToken, bool hashed = true)
    {
        _line.ResetWrittenCount();
        _json.Reset(_line);
        build(_json);
        _json.Flush();
        _line.Write("\n"u8);
        if (hashed)
        {
            _hash.AppendData(_line.WrittenSpan);
        }

        await _output.WriteAsync(_line.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The SHA-256 of every hashed line so far, as lower-case hex.</summary>
    public string HashHex() => Convert.ToHexStringLower(_hash.GetCurrentHash());

    /// <summary>Writes one column value: integers as numbers, text as a string, a blob as <c>{"b64":"..."}</c>.</summary>
    public static void WriteValue(Utf8JsonWriter json, object? value, string table, string column)
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNullValue();
                break;
            case long number:
                json.WriteNumberValue(number);
                break;
            case int number:
                json.WriteNumberValue(number);
                break;
            case short number:
                json.WriteNumberValue(number);
                break;
            case sbyte number:
                json.WriteNumberValue(number);
                break;
            case byte number:
                json.WriteNumberValue(number);
                break;
            case uint number:
                json.WriteNumberValue(number);
                break;
            case ulong number:
                json.WriteNumberValue(number);
                break;
            case bool flag:
                json.WriteNumberValue(flag ? 1 : 0);
                break;
            case double number:
                json.WriteNumberValue(number);
                break;
            case decimal number:
                json.WriteNumberValue(number);
                break;
            case string text:
                json.WriteStringValue(text);
                break;
            case Guid guid:
                json.WriteStringValue(guid.ToString("D"));
                break;
            case byte[] bytes:
                json.WriteStartObject();
                json.WriteBase64String(BackupFormat.Blob, bytes);
                json.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"{table}.{column}: values of type {value.GetType().Name} cannot be backed up");
        }
    }

    public void Dispose()
    {
        _json.Dispose();
        _hash.Dispose();
    }
}
