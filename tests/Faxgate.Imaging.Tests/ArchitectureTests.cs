using Faxgate.Imaging.Pages;
using Faxgate.TestSupport;

namespace Faxgate.Imaging.Tests;

/// <summary>The shape DESIGN.md asks for, checked: the image core stands alone and its codec does no I/O.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void The_image_core_depends_on_no_other_Faxgate_project()
    {
        string[] references = [.. typeof(BilevelPage).Assembly.GetReferencedAssemblies().Select(a => a.Name!)];
        Assert.DoesNotContain(references, name => name.StartsWith("Faxgate", StringComparison.Ordinal));
    }

    [Fact]
    public void The_codec_is_sans_io_no_files_sockets_clocks_threads_or_tasks() => SansIo.AssertFolder("Faxgate.Imaging", "Coding");
}
