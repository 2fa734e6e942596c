using System.Buffers.Binary;
using Faxgate.Imaging.Coding;
using Faxgate.Imaging.Pages;
using Faxgate.Imaging.Tiff;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests.Tiff;

public sealed class TiffReaderTests
{
    private static readonly BilevelPage[] Pages =
    [
        TestPages.Document(1728, 200, 1, PageResolution.Fine),
        TestPages.Document(2048, 100, 2, PageResolution.Standard),
        TestPages.Noise(1728, 50, 0.3, 3, PageResolution.Superfine),
    ];

    [Theory]
    [InlineData(CodingScheme.Mh, false)]
    [InlineData(CodingScheme.Mr, true)]
    [InlineData(CodingScheme.Mmr, false)]
    public void Written_pages_read_back_with_their_resolution_and_coded_data(CodingScheme scheme, bool lsbFirst)
    {
        byte[] file = TiffWriter.Write(Pages, new TiffWriteOptions { Scheme = scheme, LsbFirst = lsbFirst });
        FaxDocument document = TiffReader.Read(file);

        Assert.Empty(document.Warnings);
        Assert.Equal(Pages.Length, document.Pages.Count);
        for (int i = 0; i < Pages.Length; i++)
        {
            BilevelPage page = document.Pages[i];
            Assert.True(Pages[i].SamePixels(page));
            Assert.Equal(Pages[i].Resolution, page.Resolution);
            Assert.Equal(scheme, page.Coded!.Scheme);
        }

        // The coded form is kept, so writing it again copies each page's strip instead of re-encoding.
        byte[] again = TiffWriter.Write(document.Pages, new TiffWriteOptions { Scheme = scheme, LsbFirst = lsbFirst });
        foreach (BilevelPage page in document.Pages)
        {
            byte[] strip = lsbFirst ? BitOrder.ReversedCopy(page.Coded!.Data) : page.Coded!.Data;
            Assert.True(file.AsSpan().IndexOf(strip) > 0 && again.AsSpan().IndexOf(strip) > 0);
        }
    }

    [Fact]
    public void Data_after_the_last_page_is_ignored()
    {
        byte[] file = [.. TiffWriter.Write(Pages), .. new byte[] { 0x49, 0x49, 0x2A, 0x00, 0xFF, 0xFF, 0xFF, 0xFF }];
        FaxDocument document = TiffReader.Read(file);
        Assert.Equal(Pages.Length, document.Pages.Count);
        Assert.Empty(document.Warnings);
    }

    [Fact]
    public void A_directory_chain_that_loops_is_read_up_to_the_loop()
    {
        byte[] file = TiffWriter.Write(Pages[..2]);
        long second = NextDirectory(file, FirstDirectory(file));
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan((int)(second + 2 + (Entries(file, second) * 12))), (uint)FirstDirectory(file));

        FaxDocument document = TiffReader.Read(file);
        Assert.Equal(2, document.Pages.Count);
        Assert.Contains(document.Warnings, w => w.Contains("loops back", StringComparison.Ordinal));
    }

    [Fact]
    public void Thumbnails_are_skipped()
    {
        byte[] file = TiffWriter.Write(Pages[..2]);
        PatchValue(file, NextDirectory(file, FirstDirectory(file)), 254, 1);
        FaxDocument document = TiffReader.Read(file);
        Assert.Single(document.Pages);
        Assert.Contains(document.Warnings, w => w.Contains("thumbnail", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_strip_byte_counts_are_estimated()
    {
        byte[] file = TiffWriter.Write(Pages[..1]);
        PatchValue(file, FirstDirectory(file), 279, 0);
        FaxDocument document = TiffReader.Read(file);
        Assert.True(Pages[0].SamePixels(document.Pages[0]));
        Assert.Contains(document.Warnings, w => w.Contains("StripByteCounts", StringComparison.Ordinal));
    }

    [Fact]
    public void Limits_are_kept_before_anything_is_decoded()
    {
        byte[] file = TiffWriter.Write(Pages);
        ImageFormatException pages = Assert.Throws<ImageFormatException>(() => TiffReader.Read(file, new TiffReadOptions { MaxPages = 2 }));
        Assert.Contains("limit of 2 pages", pages.Message, StringComparison.Ordinal);
        ImageFormatException pixels = Assert.Throws<ImageFormatException>(() => TiffReader.Read(file, new TiffReadOptions { MaxPixelBytes = 50_000 }));
        Assert.Contains("MiB of pixels", pixels.Message, StringComparison.Ordinal);
        ImageFormatException size = Assert.Throws<ImageFormatException>(() => TiffReader.Read(file, new TiffReadOptions { MaxFileBytes = 100 }));
        Assert.Contains("limit of 100", size.Message, StringComparison.Ordinal);
        ImageFormatException height = Assert.Throws<ImageFormatException>(() => TiffReader.Read(file, new TiffReadOptions { MaxHeight = 150 }));
        Assert.Contains("image length 200", height.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 43, 0, 8, 0, 0, 0 }, "BigTIFF")]
    [InlineData(new byte[] { (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 200 }, "outside the file")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34 }, "not a TIFF")]
    [InlineData(new byte[] { (byte)'I', (byte)'I', 42, 0 }, "not a TIFF")]
    public void Files_that_are_not_usable_tiffs_say_why(byte[] file, string reason)
    {
        ImageFormatException error = Assert.Throws<ImageFormatException>(() => TiffReader.Read(file));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Colour_pages_are_not_bilevel()
    {
        byte[] file = TiffWriter.Write(Pages[..1]);
        PatchValue(file, FirstDirectory(file), 258, 8);
        ImageFormatException error = Assert.Throws<ImageFormatException>(() => TiffReader.Read(file));
        Assert.Contains("not a bilevel image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Black_is_zero_pages_are_turned_into_black_is_one()
    {
        byte[] file = TiffWriter.Write(Pages[..1], new TiffWriteOptions { Scheme = CodingScheme.Mmr });
        PatchValue(file, FirstDirectory(file), 262, 1);
        BilevelPage page = TiffReader.Read(file).Pages[0];
        byte[] inverted = Pages[0].ToArray();
        for (int i = 0; i < inverted.Length; i++)
        {
            inverted[i] = (byte)~inverted[i];
        }

        Assert.True(new BilevelPage(1728, 200, PageResolution.Fine, inverted).SamePixels(page));
        Assert.Null(page.Coded);
    }

    private static long FirstDirectory(byte[] file) => BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(4));

    private static int Entries(byte[] file, long directory) => BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan((int)directory));

    private static long NextDirectory(byte[] file, long directory) =>
        BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan((int)(directory + 2 + (Entries(file, directory) * 12))));

    /// <summary>Sets the (inline, first) value of a SHORT or LONG entry.</summary>
    private static void PatchValue(byte[] file, long directory, ushort tag, uint value)
    {
        for (int i = 0; i < Entries(file, directory); i++)
        {
            Span<byte> entry = file.AsSpan((int)(directory + 2 + (i * 12)), 12);
            if (BinaryPrimitives.ReadUInt16LittleEndian(entry) == tag)
            {
                if (BinaryPrimitives.ReadUInt16LittleEndian(entry[2..]) == 3)
                {
                    BinaryPrimitives.WriteUInt16LittleEndian(entry[8..], (ushort)value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(entry[8..], value);
                }

                return;
            }
        }

        throw new InvalidOperationException($"tag {tag} not found");
    }
}
