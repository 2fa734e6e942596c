namespace Faxgate.Imaging.Pages;

/// <summary>The pages of one fax document, with what a reader found worth telling but not fatal.</summary>
public sealed record FaxDocument(IReadOnlyList<BilevelPage> Pages, IReadOnlyList<string> Warnings)
{
    public FaxDocument(IReadOnlyList<BilevelPage> pages)
        : this(pages, [])
    {
    }
}
