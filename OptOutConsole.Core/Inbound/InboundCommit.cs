using OptOutConsole.Core.Tracking;

namespace OptOutConsole.Core.Inbound;

/// <summary>What one committed inbound batch changed, for the listeners of <see cref="InboundWriter"/>.</summary>
/// <param name="Events">Tracking events stored.</param>
/// <param name="Forwards">True when it queued messages for forwarding.</param>
/// <param name="ConversionsChanged">True when it changed campaign conversion counters.</param>
/// <param name="LastEventId">The batch's last event id, when <paramref name="Conversions"/> is given.</param>
/// <param name="Conversions">The batch's conversion changes per counter, where the store tracks them (SQLite's one writer); null otherwise.</param>
internal readonly record struct InboundCommit(int Events, bool Forwards, bool ConversionsChanged, long LastEventId, Dictionary<ConversionKey, ConversionCount>? Conversions);
