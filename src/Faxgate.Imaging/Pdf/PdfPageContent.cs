namespace Faxgate.Imaging.Pdf;

/// <summary>
/// What a page's content streams draw (PDF 1.7, 8 and 9), found by following the graphics state
/// (q, Q, cm, Tr) through the page and its form XObjects: the image XObjects painted, each with
/// the matrix it was painted with, and the first other visible mark (text, paths, shadings,
/// inline images), which makes the page more than one image.
/// </summary>
internal sealed class PdfPageContent
{
    private const int MaxOperands = 4096;
    private const int MaxStackDepth = 256;

    private readonly PdfFile _file;
    private readonly int _maxDepth;

    private PdfPageContent(PdfFile file)
    {
        _file = file;
        _maxDepth = file.Options.MaxDepth;
    }

    /// <summary>Images painted, in order, with the matrix mapping the unit square onto the page.</summary>
    public List<(PdfStream Image, PdfMatrix Placement)> Images { get; } = [];

    /// <summary>The first mark that is not an image XObject, in words; null when there is none.</summary>
    public string? OtherMarks { get; private set; }

    public static PdfPageContent Scan(PdfFile file, byte[] content, PdfDictionary? resources)
    {
        var page = new PdfPageContent(file);
        page.Run(content, resources, PdfMatrix.Identity, 0);
        return page;
    }

    private void Run(byte[] content, PdfDictionary? resources, PdfMatrix ctm, int depth)
    {
        var lexer = new PdfLexer(content);
        var operands = new List<object?>();
        var stack = new Stack<(PdfMatrix Ctm, long Render)>();
        long render = 0;
        while (OtherMarks is null)
        {
            PdfToken token = lexer.Next();
            if (token.Kind == PdfTokenKind.End)
            {
                return;
            }

            if (token.Kind != PdfTokenKind.Keyword)
            {
                operands.Add(PdfParser.Parse(ref lexer, token, _maxDepth));
                if (operands.Count > MaxOperands)
                {
                    throw new ImageFormatException($"a content stream has more than {MaxOperands} operands for one operator");
                }

                continue;
            }

            string op = System.Text.Encoding.Latin1.GetString(content, token.Start, token.Length);
            switch (op)
            {
                case "q":
                    if (stack.Count >= MaxStackDepth)
                    {
                        throw new ImageFormatException("a content stream nests q too deeply");
                    }

                    stack.Push((ctm, render));
                    break;
                case "Q":
                    if (stack.Count > 0)
                    {
                        (ctm, render) = stack.Pop();
                    }

                    break;
                case "cm" when operands.Count == 6 && operands.All(o => o is long or double):
                    double[] m = [.. operands.Select(o => Convert.ToDouble(o, System.Globalization.CultureInfo.InvariantCulture))];
                    ctm = new PdfMatrix(m[0], m[1], m[2], m[3], m[4], m[5]).Then(ctm);
                    break;
                case "Tr" when operands.Count == 1 && operands[0] is long mode:
                    render = mode;
                    break;
                case "Tj" or "TJ" or "'" or "\"" when render is not (3 or 7):
                    OtherMarks = "it has text";
                    break;
                case "S" or "s" or "f" or "F" or "f*" or "B" or "B*" or "b" or "b*":
                    OtherMarks = "it draws lines or shapes";
                    break;
                case "sh":
                    OtherMarks = "it paints a shading";
                    break;
                case "BI":
                    OtherMarks = "it has an inline image";
                    break;
                case "Do" when operands.Count == 1 && operands[0] is PdfName name:
                    Draw(name, resources, ctm, depth);
                    break;
            }

            operands.Clear();
        }
    }

    private void Draw(PdfName name, PdfDictionary? resources, PdfMatrix ctm, int depth)
    {
        PdfDictionary? xobjects = _file.Dictionary(resources?["XObject"]);
        if (_file.Resolve(xobjects?[name.Value]) is not PdfStream xobject)
        {
            return; // a missing XObject paints nothing
        }

        PdfDictionary dictionary = xobject.Dictionary;
        if (dictionary.Is("Subtype", "Image"))
        {
            Images.Add((xobject, ctm));
            return;
        }

        if (!dictionary.Is("Subtype", "Form"))
        {
            return;
        }

        if (depth >= _maxDepth)
        {
            throw new ImageFormatException($"form XObjects are nested more than {_maxDepth} deep");
        }

        PdfMatrix matrix = PdfMatrix.Identity;
        if (_file.Resolve(dictionary["Matrix"]) is List<object?> { Count: 6 } values && values.All(v => _file.Number(v) is not null))
        {
            matrix = new PdfMatrix(
                _file.Number(values[0])!.Value, _file.Number(values[1])!.Value, _file.Number(values[2])!.Value,
                _file.Number(values[3])!.Value, _file.Number(values[4])!.Value, _file.Number(values[5])!.Value);
        }

        if (_file.UnsupportedFilter(xobject) is { } filter)
        {
            OtherMarks = $"it draws a form XObject compressed with {filter}";
            return;
        }

        PdfDictionary? formResources = _file.Dictionary(dictionary["Resources"]) ?? resources;
        Run(_file.DecodeStream(xobject), formResources, matrix.Then(ctm), depth + 1);
    }
}
