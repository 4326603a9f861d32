using OptOutConsole.Core.Intent;
using OptOutConsole.Core.Keywords;

namespace OptOutConsole.Tests.Core.Intent;

/// <summary>The detector of a service with the default opt-out keywords plus es/fr ones, and the labelled texts.</summary>
internal static class IntentTestData
{
    /// <summary>A service's opt-out keywords: the defaults, and custom ones of its Spanish and French sets.</summary>
    public static readonly string[] Keywords = [.. DefaultKeywords.OptOut, "BAJA", "ALTO", "ARRÊT", "DÉSABONNER"];

    public static readonly OptOutIntentDetector Detector = OptOutIntentDetector.Build(Keywords);

    /// <summary>The folder holding OptOutConsole.sln, found by walking up from the test assembly.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OptOutConsole.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No OptOutConsole.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>The labelled set kept beside these tests (read from the source tree: no copy to the output is needed).</summary>
    public static IReadOnlyList<LabelledText> Labelled() =>
        ReadTsv(Path.Combine(RepositoryRoot(), "OptOutConsole.Tests", "Core", "Intent", "opt-out-intent-labelled.tsv"));

    /// <summary>
    /// The shared sample texts: a copy of shared/samples/opt-out-intent.tsv kept beside these tests, so the tests run
    /// where the shared folder is not beside the checkout (CI's fresh clone); <see cref="SharedSamplesPath"/> is the original.
    /// </summary>
    public static IReadOnlyList<LabelledText> Samples() =>
        ReadTsv(Path.Combine(RepositoryRoot(), "OptOutConsole.Tests", "Core", "Intent", "shared-opt-out-intent.tsv"));

    /// <summary>The original of <see cref="Samples"/>, beside the repository (it may not be there).</summary>
    public static string SharedSamplesPath => Path.Combine(RepositoryRoot(), "..", "shared", "samples", "opt-out-intent.tsv");

    /// <summary>The copy <see cref="Samples"/> reads.</summary>
    public static string SamplesCopyPath => Path.Combine(RepositoryRoot(), "OptOutConsole.Tests", "Core", "Intent", "shared-opt-out-intent.tsv");

    private static List<LabelledText> ReadTsv(string path)
    {
        var rows = new List<LabelledText>();
        var header = true;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            if (header)
            {
                header = false;
                continue;
            }

            var cells = line.Split('\t');
            rows.Add(new LabelledText(cells[0], cells[1], cells[2] == "opt-out", cells.Length > 3 ? cells[3] : "sample"));
        }

        return rows;
    }
}
