namespace Faxgate.Imaging.Tiff;

/// <summary>The TIFF 6.0 and TIFF Class F (RFC 2306) tags Faxgate reads or writes.</summary>
internal static class TiffTag
{
    public const ushort NewSubfileType = 254;
    public const ushort ImageWidth = 256;
    public const ushort ImageLength = 257;
    public const ushort BitsPerSample = 258;
    public const ushort Compression = 259;
    public const ushort PhotometricInterpretation = 262;
    public const ushort FillOrder = 266;
    public const ushort ImageDescription = 270;
    public const ushort StripOffsets = 273;
    public const ushort SamplesPerPixel = 277;
    public const ushort RowsPerStrip = 278;
    public const ushort StripByteCounts = 279;
    public const ushort XResolution = 282;
    public const ushort YResolution = 283;
    public const ushort PlanarConfiguration = 284;
    public const ushort T4Options = 292;
    public const ushort T6Options = 293;
    public const ushort ResolutionUnit = 296;
    public const ushort PageNumber = 297;
    public const ushort Software = 305;
    public const ushort DateTime = 306;
    public const ushort Predictor = 317;
    public const ushort ColorMap = 320;
    public const ushort TileWidth = 322;
    public const ushort TileLength = 323;
    public const ushort BadFaxLines = 326;
    public const ushort CleanFaxData = 327;
    public const ushort ConsecutiveBadFaxLines = 328;
}

/// <summary>TIFF Compression values.</summary>
internal static class TiffCompression
{
    public const int None = 1;
    public const int CcittRle = 2;
    public const int CcittT4 = 3;
    public const int CcittT6 = 4;
    public const int Lzw = 5;
    public const int Deflate = 8;
    public const int PackBits = 32773;
    public const int DeflateLegacy = 32946;
}

/// <summary>TIFF field types (TIFF 6.0 section 2).</summary>
internal enum TiffFieldType : ushort
{
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    SByte = 6,
    Undefined = 7,
    SShort = 8,
    SLong = 9,
    SRational = 10,
    Float = 11,
    Double = 12,
    Ifd = 13,
}
