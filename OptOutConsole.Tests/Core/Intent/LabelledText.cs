namespace OptOutConsole.Tests.Core.Intent;

/// <summary>One row of a labelled TSV: the text, its language, whether it is an opt-out request, and its split.</summary>
internal sealed record LabelledText(string Text, string Language, bool OptOut, string Split);
