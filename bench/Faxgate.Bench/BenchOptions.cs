namespace Faxgate.Bench;

/// <summary>Where the benchmark document comes from.</summary>
public enum DocumentSource
{
    /// <summary>The shared corpus when it is present, else pages rendered by Ghostscript.</summary>
    Auto,

    /// <summary>The ITU-T test charts and a real received fax from the shared corpus.</summary>
    Corpus,

    /// <summary>Pages of text, rules and boxes rendered by Ghostscript from generated PostScript.</summary>
    Ghostscript,
}

/// <summary>The command line of the benchmark.</summary>
public sealed record BenchOptions
{
    public const string Usage =
        """
        usage: bench/run [--quick] [--runs N] [--pages N] [--warmup N] [--source auto|corpus|ghostscript]
                         [--no-faxgate-files] [--breakdown]

          --quick              a smoke run: 20 pages, 2 timed runs
          --runs N             timed runs of every measurement; the median is reported (default 7)
          --pages N            pages in the document (default 200)
          --warmup N           untimed runs of every measurement before timing (default 1)
          --source S           the document: the shared corpus, pages rendered by Ghostscript,
                               or auto (the corpus when present; default)
          --no-faxgate-files   skip decoding the files Faxgate wrote (decode the libtiff-written ones only)
          --breakdown          also time Faxgate's codec alone (LineEncoder, PageDecoder on strips in
                               memory) against its TIFF path, to see where the time goes
        """;

    public int Pages { get; init; } = 200;

    public int Runs { get; init; } = 7;

    public int Warmups { get; init; } = 1;

    public DocumentSource Source { get; init; } = DocumentSource.Auto;

    public bool DecodeFaxgateFiles { get; init; } = true;

    public bool Breakdown { get; init; }

    public bool Quick { get; init; }

    public bool Help { get; init; }

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> for anything it does not understand.</summary>
    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool quick = args.Contains("--quick");
        var options = quick ? new BenchOptions { Quick = true, Pages = 20, Runs = 2 } : new BenchOptions();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            options = arg switch
            {
                "--quick" => options,
                "--help" or "-h" => options with { Help = true },
                "--runs" => options with { Runs = Count(args, ref i, 1) },
                "--pages" => options with { Pages = Count(args, ref i, 1) },
                "--warmup" => options with { Warmups = Count(args, ref i, 0) },
                "--source" => options with { Source = SourceOf(Value(args, ref i)) },
                "--no-faxgate-files" => options with { DecodeFaxgateFiles = false },
                "--breakdown" => options with { Breakdown = true },
                _ => throw new ArgumentException($"unknown argument '{arg}'"),
            };
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count)
        {
            throw new ArgumentException($"{args[i]} needs a value");
        }

        i++;
        return args[i];
    }

    private static int Count(IReadOnlyList<string> args, ref int i, int minimum)
    {
        string name = args[i];
        string value = Value(args, ref i);
        if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) || n < minimum || n > 100_000)
        {
            throw new ArgumentException($"{name} needs a whole number of at least {minimum}, not '{value}'");
        }

        return n;
    }

    private static DocumentSource SourceOf(string value) => value switch
    {
        "auto" => DocumentSource.Auto,
        "corpus" => DocumentSource.Corpus,
        "ghostscript" or "gs" => DocumentSource.Ghostscript,
        _ => throw new ArgumentException($"--source is auto, corpus or ghostscript, not '{value}'"),
    };
}
