namespace OptOutConsole.Core.Inbound;

/// <summary>
/// The writer's memory of answered MessageSids: which inbound messages were already processed and what they were
/// answered, so a provider's retry is answered the same without a second effect. The durable copy is the
/// append-only <c>ProcessedMessages</c> table (no index on the random SIDs, whose page writes dominated each
/// commit: docs/decisions/group-commit.md); this index is rebuilt from it when the writer starts.
/// </summary>
/// <remarks>
/// Only the writer thread uses it, and it adds a batch's SIDs only after that batch committed, so what it holds is
/// always durable. Bounded like the table: entries older than the idempotency window or beyond the row limit go,
/// oldest first. Answers are shared between entries (a service has a handful of replies).
/// </remarks>
internal sealed class AnswerIndex
{
    private const int MaxSharedAnswers = 10_000;

    private readonly Dictionary<string, string> answers = new(StringComparer.Ordinal);
    private readonly Queue<(string Sid, long At)> order = new();
    private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);

    public int Count => answers.Count;

    public bool TryGet(string messageSid, out string answer) => answers.TryGetValue(messageSid, out answer!);

    /// <summary>Remembers a committed answer; <paramref name="at"/> in Unix milliseconds, not decreasing.</summary>
    public void Add(string messageSid, string answer, long at)
    {
        if (!shared.TryGetValue(answer, out var one))
        {
            one = answer;
            if (shared.Count < MaxSharedAnswers)
            {
                shared[answer] = answer;
            }
        }

        if (answers.TryAdd(messageSid, one))
        {
            order.Enqueue((messageSid, at));
        }
    }

    /// <summary>Forgets answers older than <paramref name="olderThan"/> (Unix ms) and the oldest beyond <paramref name="keep"/>.</summary>
    public void Prune(long olderThan, int keep)
    {
        while (order.TryPeek(out var oldest) && (oldest.At < olderThan || order.Count > keep))
        {
            order.Dequeue();
            answers.Remove(oldest.Sid);
        }

        if (answers.Count == 0)
        {
            shared.Clear();
        }
    }
}
