using Faxgate.Storage.Numbers;

namespace Faxgate.Storage.Tests.Numbers;

public sealed class AttachmentFormatTests
{
    [Fact]
    public void Names_round_trip_and_unknown_names_are_refused()
    {
        foreach (AttachmentFormat format in Enum.GetValues<AttachmentFormat>())
        {
            Assert.Equal(format, AttachmentFormats.Parse(format.Name()));
        }

        Assert.Equal(["pdf", "tiff", "both"], AttachmentFormats.Names);
        var error = Assert.Throws<InvalidRequestException>(() => AttachmentFormats.Parse("docx"));
        Assert.Equal("unknown attachment format 'docx': use pdf, tiff or both", error.Message);
    }
}
