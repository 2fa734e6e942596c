namespace Faxgate.Imaging.Coding;

/// <summary>The coding schemes of ITU-T T.4 and T.6.</summary>
public enum CodingScheme
{
    /// <summary>T.4 one-dimensional coding, Modified Huffman.</summary>
    Mh,

    /// <summary>T.4 two-dimensional coding, Modified READ (a one-dimensional line every K lines).</summary>
    Mr,

    /// <summary>T.6 two-dimensional coding, Modified Modified READ.</summary>
    Mmr,
}
