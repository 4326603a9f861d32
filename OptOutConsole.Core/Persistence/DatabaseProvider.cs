namespace OptOutConsole.Core.Persistence;

/// <summary>The storage engines the console runs on (<c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One embedded file, one console process: the default for <c>dotnet run</c>.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by one or more console instances: production.</summary>
    Postgres,
}
