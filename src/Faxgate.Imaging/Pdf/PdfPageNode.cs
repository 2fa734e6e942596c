namespace Faxgate.Imaging.Pdf;

/// <summary>
/// One leaf of the page tree (PDF 1.7, 7.7.3) with what it inherits from its ancestors:
/// /Resources, /MediaBox and /Rotate; and its content streams.
/// </summary>
internal sealed record PdfPageNode(PdfDictionary? Resources, (double X0, double Y0, double X1, double Y1) MediaBox, long Rotate, List<PdfStream> Contents)
{
    /// <summary>Adds the pages under <paramref name="tree"/> in order; loops and excess depth or count are errors.</summary>
    public static void Collect(PdfFile file, PdfDictionary tree, List<PdfPageNode> pages)
    {
        var seen = new HashSet<PdfDictionary>(ReferenceEqualityComparer.Instance);
        Walk(file, tree, null, null, 0, 0, seen, pages);
    }

    private static void Walk(PdfFile file, PdfDictionary node, PdfDictionary? resources, (double, double, double, double)? box, long rotate, int depth, HashSet<PdfDictionary> seen, List<PdfPageNode> pages)
    {
        if (!seen.Add(node))
        {
            throw new ImageFormatException("the page tree loops");
        }

        if (depth > file.Options.MaxDepth)
        {
            throw new ImageFormatException($"the page tree is more than {file.Options.MaxDepth} levels deep");
        }

        resources = file.Dictionary(node["Resources"]) ?? resources;
        box = ReadMediaBox(file, node["MediaBox"]) ?? box;
        rotate = file.Integer(node["Rotate"]) ?? rotate;
        if (!node.Is("Type", "Pages") && file.Resolve(node["Kids"]) is not List<object?>)
        {
            if (pages.Count >= file.Options.MaxPages)
            {
                throw new ImageFormatException($"the document has more than the limit of {file.Options.MaxPages} pages");
            }

            // A page without a MediaBox anywhere is US Letter, as readers take it.
            pages.Add(new PdfPageNode(resources, box ?? (0, 0, 612, 792), rotate, ReadContents(file, node["Contents"])));
            return;
        }

        if (file.Resolve(node["Kids"]) is not List<object?> kids)
        {
            throw new ImageFormatException("a page tree node has no /Kids");
        }

        foreach (object? kid in kids)
        {
            if (file.Dictionary(kid) is { } child)
            {
                Walk(file, child, resources, box, rotate, depth + 1, seen, pages);
            }
        }
    }

    private static (double, double, double, double)? ReadMediaBox(PdfFile file, object? value)
    {
        if (file.Resolve(value) is not List<object?> { Count: 4 } box)
        {
            return null;
        }

        double?[] v = [.. box.Select(file.Number)];
        if (v.Any(x => x is null))
        {
            return null;
        }

        (double x0, double x1) = (Math.Min(v[0]!.Value, v[2]!.Value), Math.Max(v[0]!.Value, v[2]!.Value));
        (double y0, double y1) = (Math.Min(v[1]!.Value, v[3]!.Value), Math.Max(v[1]!.Value, v[3]!.Value));
        return x1 - x0 > 0 && y1 - y0 > 0 ? (x0, y0, x1, y1) : null;
    }

    private static List<PdfStream> ReadContents(PdfFile file, object? value) => file.Resolve(value) switch
    {
        PdfStream one => [one],
        List<object?> many => [.. many.Select(file.Resolve).OfType<PdfStream>()],
        _ => [],
    };
}
