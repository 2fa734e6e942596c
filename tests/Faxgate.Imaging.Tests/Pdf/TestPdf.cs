using System.IO.Compression;
using System.Text;

namespace Faxgate.Imaging.Tests.Pdf;

/// <summary>
/// Assembles small PDFs object by object for the reader's tests: with a classic cross-reference
/// table, or a cross-reference stream with the plain objects packed into an object stream.
/// </summary>
internal sealed class TestPdf
{
    private readonly List<(byte[] Body, bool IsStream)> _objects = [];

    /// <summary>Adds an object; returns its number.</summary>
    public int Add(string body)
    {
        _objects.Add((Encoding.Latin1.GetBytes(body), false));
        return _objects.Count;
    }

    /// <summary>Adds a stream object with its /Length; <paramref name="dictionary"/> is the dictionary's inside.</summary>
    public int AddStream(string dictionary, byte[] data)
    {
        byte[] head = Encoding.Latin1.GetBytes($"<< {dictionary} /Length {data.Length} >>\nstream\n");
        _objects.Add(([.. head, .. data, .. "\nendstream"u8], true));
        return _objects.Count;
    }

    /// <summary>The next number <see cref="Add"/> will give.</summary>
    public int Next => _objects.Count + 1;

    /// <summary>A one-page document: the page's dictionary inside, its content, and the image stream.</summary>
    public static byte[] SinglePage(string pageEntries, string content, string imageDictionary, byte[] imageData, bool modern = false)
    {
        var pdf = new TestPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add("<< /Type /Pages /Count 1 /Kids [3 0 R] >>");
        pdf.Add($"<< /Type /Page /Parent 2 0 R {pageEntries} /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>");
        pdf.AddStream(string.Empty, Encoding.Latin1.GetBytes(content));
        pdf.AddStream(imageDictionary, imageData);
        return pdf.Build(1, modern);
    }

    public static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(data);
        }

        return output.ToArray();
    }

    public byte[] Build(int root, bool modern = false)
    {
        using var output = new MemoryStream();
        Write(output, modern ? "%PDF-1.5\n" : "%PDF-1.4\n");
        var offsets = new long[_objects.Count + 1];
        var packed = new List<int>();
        for (int n = 1; n <= _objects.Count; n++)
        {
            if (modern && !_objects[n - 1].IsStream)
            {
                packed.Add(n);
                continue;
            }

            offsets[n] = output.Position;
            Write(output, $"{n} 0 obj\n");
            output.Write(_objects[n - 1].Body);
            Write(output, "\nendobj\n");
        }

        if (!modern)
        {
            long xref = output.Position;
            var table = new StringBuilder($"xref\n0 {_objects.Count + 1}\n0000000000 65535 f \n");
            for (int n = 1; n <= _objects.Count; n++)
            {
                table.Append($"{offsets[n]:D10} 00000 n \n");
            }

            table.Append($"trailer\n<< /Size {_objects.Count + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
            Write(output, table.ToString());
            return output.ToArray();
        }

        // Object stream holding the plain objects, then the cross-reference stream (PDF 1.7, 7.5.7 and 7.5.8).
        int objectStream = _objects.Count + 1;
        int xrefStream = _objects.Count + 2;
        var header = new StringBuilder();
        var bodies = new MemoryStream();
        foreach (int n in packed)
        {
            header.Append($"{n} {bodies.Position} ");
            bodies.Write(_objects[n - 1].Body);
            bodies.WriteByte((byte)'\n');
        }

        byte[] headerBytes = Encoding.Latin1.GetBytes(header.ToString());
        byte[] objStm = Deflate([.. headerBytes, .. bodies.ToArray()]);
        long objStmOffset = output.Position;
        Write(output, $"{objectStream} 0 obj\n<< /Type /ObjStm /N {packed.Count} /First {headerBytes.Length} /Filter /FlateDecode /Length {objStm.Length} >>\nstream\n");
        output.Write(objStm);
        Write(output, "\nendstream\nendobj\n");

        long xrefOffset = output.Position;
        var entries = new MemoryStream();
        for (int n = 0; n <= xrefStream; n++)
        {
            (byte type, long field2, int field3) = n switch
            {
                0 => ((byte)0, 0L, 65535),
                _ when n == objectStream => ((byte)1, objStmOffset, 0),
                _ when n == xrefStream => ((byte)1, xrefOffset, 0),
                _ when packed.Contains(n) => ((byte)2, objectStream, packed.IndexOf(n)),
                _ => ((byte)1, offsets[n], 0),
            };
            entries.Write([type, (byte)(field2 >> 24), (byte)(field2 >> 16), (byte)(field2 >> 8), (byte)field2, (byte)(field3 >> 8), (byte)field3]);
        }

        byte[] xrefData = Deflate(entries.ToArray());
        Write(output, $"{xrefStream} 0 obj\n<< /Type /XRef /Size {xrefStream + 1} /W [1 4 2] /Root {root} 0 R /Filter /FlateDecode /Length {xrefData.Length} >>\nstream\n");
        output.Write(xrefData);
        Write(output, $"\nendstream\nendobj\nstartxref\n{xrefOffset}\n%%EOF\n");
        return output.ToArray();
    }

    private static void Write(Stream output, string text) => output.Write(Encoding.Latin1.GetBytes(text));
}
