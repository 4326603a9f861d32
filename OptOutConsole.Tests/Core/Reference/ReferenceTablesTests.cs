using OptOutConsole.Core.Reference;

namespace OptOutConsole.Tests.Core.Reference;

public sealed class ReferenceTablesTests
{
    [Fact]
    public void Countries_All_Every249Alpha2CodesUniqueSortedUpperCase()
    {
        var codes = Countries.All.Select(c => c.Code).ToList();

        Assert.Equal(249, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.All(Countries.All, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.All(Countries.All, c => Assert.False(string.IsNullOrWhiteSpace(c.Name)));
    }

    [Fact]
    public void Languages_All_Every183Iso6391CodesUniqueSortedLowerCase()
    {
        var codes = Languages.All.Select(c => c.Code).ToList();

        Assert.Equal(183, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.All(Languages.All, c => Assert.Matches("^[a-z]{2}$", c.Code));
        Assert.DoesNotContain("bh", codes);
    }

    [Theory]
    [InlineData("US", "United States")]
    [InlineData("CA", "Canada")]
    [InlineData("MX", "Mexico")]
    [InlineData("GB", "United Kingdom")]
    [InlineData("AQ", "Antarctica")]
    [InlineData("SS", "South Sudan")]
    [InlineData("XK", null)]
    [InlineData("mx", null)]
    [InlineData("", null)]
    public void Countries_NameOf_EnglishNameOrNull(string code, string? expected)
    {
        Assert.Equal(expected, Countries.NameOf(code));
    }

    [Theory]
    [InlineData("en", "English")]
    [InlineData("es", "Spanish")]
    [InlineData("fr", "French")]
    [InlineData("zh", "Chinese")]
    [InlineData("ES", null)]
    [InlineData("eng", null)]
    public void Languages_NameOf_EnglishNameOrNull(string code, string? expected)
    {
        Assert.Equal(expected, Languages.NameOf(code));
    }

    [Theory]
    [InlineData("mex", "MX")]
    [InlineData("ca", "CA")]
    [InlineData("kingdom", "GB")]
    public void Countries_Search_FindsByNameOrCode(string query, string expectedCode)
    {
        var found = Countries.Search(query).Select(c => c.Code);

        Assert.Contains(expectedCode, found);
    }

    [Fact]
    public void Countries_EveryLibphonenumberRegion_IsKnown()
    {
        var regions = PhoneNumbers.PhoneNumberUtil.GetInstance().GetSupportedRegions();

        Assert.All(regions.Where(r => r != "XK" && r != "AC" && r != "TA"), r => Assert.True(Countries.IsKnown(r), r));
    }
}
