namespace OptOutConsole.Core.Tracking;

/// <summary>The key of a <see cref="ConversionCounter"/>: service, day of the opt-ins (days since 1970-01-01 UTC), campaign keyword, country.</summary>
public readonly record struct ConversionKey(string ServiceSid, int Day, string Keyword, string Country);
