namespace OptOutConsole.Core.Persistence;

/// <summary>The resolved connection string of the database, for the few places that use ADO.NET directly (health check, hot paths).</summary>
public sealed record SqliteDatabase(string ConnectionString);
