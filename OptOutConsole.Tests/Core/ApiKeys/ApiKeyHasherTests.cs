using OptOutConsole.Core.ApiKeys;

namespace OptOutConsole.Tests.Core.ApiKeys;

public sealed class ApiKeyHasherTests
{
    [Fact]
    public void NewKey_TwoCalls_DifferAndCarryPrefix()
    {
        var a = ApiKeyHasher.NewKey();
        var b = ApiKeyHasher.NewKey();

        Assert.NotEqual(a, b);
        Assert.StartsWith(ApiKeyHasher.KeyPrefix, a, StringComparison.Ordinal);
        Assert.True(a.Length >= 40);
    }

    [Fact]
    public void Verify_SameKey_True()
    {
        var key = ApiKeyHasher.NewKey();

        var hash = ApiKeyHasher.Hash(key);

        Assert.True(ApiKeyHasher.Verify(key, hash));
        Assert.DoesNotContain(key, hash, StringComparison.Ordinal);
        Assert.Equal(64, hash.Length);
    }

    [Fact]
    public void Verify_OtherKeyOrTamperedHash_False()
    {
        var key = ApiKeyHasher.NewKey();
        var hash = ApiKeyHasher.Hash(key);

        Assert.False(ApiKeyHasher.Verify(ApiKeyHasher.NewKey(), hash));
        Assert.False(ApiKeyHasher.Verify(key, hash[..^1] + (hash[^1] == '0' ? '1' : '0')));
    }
}
