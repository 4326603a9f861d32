using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Keywords;
using OptOutConsole.Core.Services;
using OptOutConsole.Core.Simulation;

namespace OptOutConsole.Tests.Core.Simulation;

public sealed class PreviewMatrixTests
{
    private static PreviewMatrix Demo(IEnumerable<string>? common = null) =>
        PreviewMatrix.Build(new CompiledService(new string('a', 34), 3, DemoData.SushiRewards()), common ?? PreviewOptions.DefaultCountries);

    [Fact]
    public void Build_Demo_OverrideCountriesFirstThenCommonOnce()
    {
        var matrix = Demo();

        Assert.Equal(["MX", "CA", "US", "GB", "ES", "FR", "DE", "BR", "IN", "AU"], matrix.Rows.Select(r => r.Country));
        Assert.True(matrix.Rows[0].HasOverride);
        Assert.False(matrix.Rows[2].HasOverride);
        Assert.Equal("Mexico", matrix.Rows[0].CountryName);
    }

    [Fact]
    public void Cell_MexicoStop_MexicanReplyForStopSpanishForBaja()
    {
        var cell = Demo().Cell("MX", KeywordCategory.OptOut)!;

        Assert.Equal(["STOP", "BAJA", "ARRET"], cell.Entries.Select(e => e.Keyword));
        var stop = cell.Entries[0];
        Assert.Equal("country MX", stop.AnsweredBy);
        Assert.StartsWith("Sushi Rewards México: Te diste de baja", stop.Reply, StringComparison.Ordinal);
        Assert.Equal("GSM-7", stop.Segments.EncodingName);
        Assert.Equal("language es", cell.Entries[1].AnsweredBy);
    }

    [Fact]
    public void Cell_CanadaStop_ArretGetsFrenchReply()
    {
        var cell = Demo().Cell("CA", KeywordCategory.OptOut)!;

        var arret = Assert.Single(cell.Entries, e => e.Keyword == "ARRET");
        Assert.Equal("language fr", arret.AnsweredBy);
        Assert.Equal("fr", arret.Language);
        Assert.StartsWith("Sushi Rewards : désabonnement confirmé", arret.Reply, StringComparison.Ordinal);
        Assert.Equal("country CA", cell.Entries[0].AnsweredBy);
    }

    [Fact]
    public void Cell_UnitedStatesHelp_GlobalReplyGsm7()
    {
        var help = Demo().Cell("US", KeywordCategory.Help)!.Entries[0];

        Assert.Equal("HELP", help.Keyword);
        Assert.Equal("global", help.AnsweredBy);
        Assert.Equal("GSM-7", help.Segments.EncodingName);
        Assert.Equal(1, help.Segments.Segments);
    }

    [Fact]
    public void ToCsv_Demo_HeaderAndQuotedReplies()
    {
        var csv = Demo(["US"]).ToCsv();

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("country,country_name,category,keyword,keyword_set,type,answered_by,language,reply,segments,encoding", lines[0].TrimEnd('\r'));
        Assert.Contains(lines, l => l.StartsWith("MX,Mexico,STOP,STOP,global,STOP,country MX,en,", StringComparison.Ordinal));
        Assert.Equal(1 + (3 * 3 * 3), lines.Length);
    }

    [Fact]
    public void CommonCountries_Setting_ParsedAndUnknownDropped()
    {
        Assert.Equal(["DE", "JP"], new PreviewOptions { Countries = "de, jp,XX,DE" }.CommonCountries());
        Assert.Equal(PreviewOptions.DefaultCountries, new PreviewOptions().CommonCountries());
    }
}
