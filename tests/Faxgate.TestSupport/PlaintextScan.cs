using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Faxgate.Storage;

namespace Faxgate.TestSupport;

/// <summary>
/// Looks for known plaintext where only ciphertext may be: every column of every row of every table, and every byte of
/// every file under a folder (the data folder, a backup). The pattern is searched as raw bytes, as hex (both cases) and
/// as base64 (at each of the three alignments), so content stored encoded also counts as found. Returns where it was
/// found, empty when nowhere.
/// </summary>
public static class PlaintextScan
{
    /// <summary>Every place in <paramref name="database"/>'s tables that holds <paramref name="pattern"/> in any encoding.</summary>
    public static async Task<IReadOnlyList<string>> DatabaseAsync(Database database, byte[] pattern)
    {
        ArgumentNullException.ThrowIfNull(database);
        byte[][] needles = Encodings(pattern);
        var found = new List<string>();
        await using DbConnection connection = await database.OpenConnectionAsync(CancellationToken.None);
        foreach (string table in await database.Dialect.ListTablesAsync(connection, CancellationToken.None))
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {table}";
            await using DbDataReader reader = await command.ExecuteReaderAsync(CommandBehavior.Default);
            long row = 0;
            while (await reader.ReadAsync())
            {
                for (int column = 0; column < reader.FieldCount; column++)
                {
                    if (!reader.IsDBNull(column) && ContainsAny(AsBytes(reader.GetValue(column)), needles))
                    {
                        found.Add($"table {table}, row {row}, column {reader.GetName(column)}");
                    }
                }

                row++;
            }
        }

        return found;
    }

    /// <summary>Every file under <paramref name="folder"/> (recursively) that holds <paramref name="pattern"/> in any encoding.</summary>
    public static IReadOnlyList<string> Files(string folder, byte[] pattern)
    {
        byte[][] needles = Encodings(pattern);
        var found = new List<string>();
        foreach (string path in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var copy = new MemoryStream())
            {
                stream.CopyTo(copy);
                bytes = copy.ToArray();
            }

            if (ContainsAny(bytes, needles))
            {
                found.Add(path);
            }
        }

        return found;
    }

    /// <summary>
    /// True when a Faxgate backup file holds <paramref name="pattern"/> in any encoding, in the file as it is or in its
    /// decompressed content (a backup is gzip of text, where plaintext would not show in the compressed bytes).
    /// </summary>
    public static bool Backup(string path, byte[] pattern)
    {
        byte[][] needles = Encodings(pattern);
        byte[] raw = File.ReadAllBytes(path);
        using var inflated = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(new MemoryStream(raw), System.IO.Compression.CompressionMode.Decompress))
        {
            gzip.CopyTo(inflated);
        }

        return ContainsAny(raw, needles) || ContainsAny(inflated.ToArray(), needles);
    }

    /// <summary>A pattern no real data contains by chance: a label and random bytes, long enough to survive chunking.</summary>
    public static byte[] NewPattern(string label = "FAXGATE-PLAINTEXT")
    {
        byte[] random = System.Security.Cryptography.RandomNumberGenerator.GetBytes(24);
        return Encoding.ASCII.GetBytes($"{label}-{Convert.ToHexString(random)}");
    }

    private static byte[][] Encodings(byte[] pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (pattern.Length < 12)
        {
            throw new ArgumentException("a pattern shorter than 12 bytes could be found by chance", nameof(pattern));
        }

        var needles = new List<byte[]>
        {
            pattern,
            Encoding.ASCII.GetBytes(Convert.ToHexString(pattern)),
            Encoding.ASCII.GetBytes(Convert.ToHexStringLower(pattern)),
        };
        for (int shift = 0; shift < 3; shift++)
        {
            // The middle of the base64 text of the pattern does not depend on the bytes around it.
            string text = Convert.ToBase64String(pattern[shift..]);
            int usable = (pattern.Length - shift) / 3 * 4;
            needles.Add(Encoding.ASCII.GetBytes(text[..usable]));
        }

        return [.. needles];
    }

    private static byte[] AsBytes(object value) => value switch
    {
        byte[] bytes => bytes,
        string text => Encoding.UTF8.GetBytes(text),
        IFormattable formattable => Encoding.UTF8.GetBytes(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => Encoding.UTF8.GetBytes(value.ToString() ?? ""),
    };

    private static bool ContainsAny(ReadOnlySpan<byte> haystack, byte[][] needles)
    {
        foreach (byte[] needle in needles)
        {
            if (haystack.IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }
}
