namespace OptOutConsole.Core.Keywords;

/// <summary>
/// A free-text opt-out request detected in a text that matched no keyword (DESIGN 3.5), and what the service does
/// with it: the simulator's "Why?", the simulate API's <c>possibleOptOut</c>, the webhook's review item or block.
/// </summary>
/// <param name="Score">How sure the detection is, 0 to 1 (flagged from <see cref="Intent.OptOutIntentDetector.Threshold"/>).</param>
/// <param name="Phrase">The part of the text, as written, that triggered it.</param>
/// <param name="PhraseStart">Where <paramref name="Phrase"/> starts in the text (UTF-16 index).</param>
/// <param name="PhraseLength">Its length (UTF-16 units).</param>
/// <param name="Language">The language of the evidence: en, es or fr.</param>
/// <param name="Action"><c>review</c> or <c>block</c>: the service's <c>optOutIntent.mode</c>.</param>
/// <param name="Reason">The kind of evidence in words ("phrase", "typo of STOP"), or null.</param>
public sealed record PossibleOptOut(double Score, string Phrase, int PhraseStart, int PhraseLength, string Language, string Action, string? Reason);
