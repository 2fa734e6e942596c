using Faxgate.Imaging.Pages;

namespace Faxgate.Fax.T30.Capabilities;

/// <summary>The page to send, as <see cref="ModeSelection"/> needs it: width and height in pixels, and its resolution.</summary>
public readonly record struct PageRequirement(int Width, PageResolution Resolution, int Height);
