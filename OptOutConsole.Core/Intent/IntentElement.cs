namespace OptOutConsole.Core.Intent;

/// <summary>One compiled element of a pattern: a slot id or entry id, and how many words it takes.</summary>
internal readonly record struct IntentElement(IntentElementKind Kind, int Value, byte Min, byte Max);
