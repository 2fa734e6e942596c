namespace Faxgate.Cli.Commands.Admin;

/// <summary>
/// A plain table for list output: a header row in capitals and columns padded with spaces to line up, no borders,
/// so it reads well in a terminal and splits with awk.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [headers];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"a row of this table has {headers.Length} cells, not {cells.Length}", nameof(cells));
        }

        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        int[] widths = [.. Enumerable.Range(0, headers.Length).Select(i => _rows.Max(r => r[i].Length))];
        foreach (string[] row in _rows)
        {
            string line = string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])));
            writer.WriteLine(line.TrimEnd());
        }
    }
}
