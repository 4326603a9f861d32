namespace OptOutConsole.Core.Persistence;

/// <summary>
/// The database settings cannot work (an unknown provider, a connection string that does not parse, a server that
/// cannot be reached or refuses the login). Its message is one plain sentence naming the setting, for the person
/// starting the console; Program.cs prints it instead of a stack trace and exits.
/// </summary>
public sealed class DatabaseStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
