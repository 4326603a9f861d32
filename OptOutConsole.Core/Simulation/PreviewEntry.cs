using OptOutConsole.Core.Messages;

namespace OptOutConsole.Core.Simulation;

/// <summary>What a subscriber in one country gets back for one keyword.</summary>
/// <param name="Keyword">The keyword sent (as configured).</param>
/// <param name="KeywordSet">The set the keyword was taken from: global, language xx or country YY.</param>
/// <param name="OptOutType">STOP, START, HELP, or null when the keyword does not match for this country.</param>
/// <param name="AnsweredBy">The set whose reply is used; null when none.</param>
/// <param name="Language">The message's language.</param>
/// <param name="Reply">The reply; null when none.</param>
/// <param name="Segments">The reply's segments and encoding.</param>
public sealed record PreviewEntry(string Keyword, string KeywordSet, string? OptOutType, string? AnsweredBy, string Language, string? Reply, SegmentCount Segments);
