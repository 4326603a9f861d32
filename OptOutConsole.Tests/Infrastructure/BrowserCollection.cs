namespace OptOutConsole.Tests.Infrastructure;

/// <summary>One Chromium for all browser tests; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
