using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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
/// oldest first, a bounded number per batch, in step with the table (both hold the same rows in the same
/// order: the index is loaded in the table's order and a batch is added in commit order). Answers are shared between entries (a service has a handful of replies).
/// </remarks>
internal sealed class AnswerIndex
{
    private const int MaxSharedAnswers = 10_000;

    private readonly Dictionary<string, (string Answer, int Rows)> answers = new(StringComparer.Ordinal);
    private readonly Queue<(string Sid, long At)> order = new();
    private readonly Dictionary<string, string> shared = new(StringComparer.Ordinal);

    /// <summary>Rows remembered (one per row of the table).</summary>
    public int Count => order.Count;

    public bool TryGet(string messageSid, out string answer)
    {
        var found = answers.TryGetValue(messageSid, out var entry);
        answer = entry.Answer;
        return found;
    }

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

        // One queue entry per row of the table, even for a SID already known (a row written twice, e.g. by a commit
        // reported failed after it had landed), so that pruning the N oldest of each keeps them in step.
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(answers, messageSid, out var exists);
        entry = exists ? (entry.Answer, entry.Rows + 1) : (one, 1);
        order.Enqueue((messageSid, at));
    }

    /// <summary>
    /// How many of the oldest answers are due to go: older than <paramref name="olderThan"/> (Unix ms) or beyond the
    /// newest <paramref name="keep"/>; at most <paramref name="max"/>, so each batch prunes a bounded amount and the
    /// table and index stay within their bounds without a pause (a sweep once a minute deleted hundreds of thousands
    /// of rows at once under sustained load).
    /// </summary>
    public int Prunable(long olderThan, int keep, int max)
    {
        var n = 0;
        foreach (var (_, at) in order)
        {
            if (n >= max || (at >= olderThan && order.Count - n <= keep))
            {
                break;
            }

            n++;
        }

        return n;
    }

    /// <summary>Forgets the <paramref name="n"/> oldest answers (after the same rows left the table).</summary>
    public void RemoveOldest(int n)
    {
        for (var i = 0; i < n && order.TryDequeue(out var oldest); i++)
        {
            // A SID with a later row stays until that row goes.
            ref var entry = ref CollectionsMarshal.GetValueRefOrNullRef(answers, oldest.Sid);
            if (!Unsafe.IsNullRef(ref entry) && --entry.Rows == 0)
            {
                answers.Remove(oldest.Sid);
            }
        }

        if (answers.Count == 0)
        {
            shared.Clear();
        }
    }
}
