using Microsoft.Data.Sqlite;
using OptOutConsole.Core.Inbound;
using OptOutConsole.Core.Persistence;
using OptOutConsole.Core.Phones;

namespace OptOutConsole.Api;

/// <summary>The send check (DESIGN 5.2): is this recipient on the service's block list?</summary>
internal static class RecipientsApi
{
    public static void MapRecipientsApi(this RouteGroupBuilder api) =>
        api.MapGet("/services/{sid}/recipients/{number}", CheckAsync);

    /// <summary>
    /// Called before every outbound send, so it reads one row with a prepared statement on a pooled connection
    /// instead of building an EF query (about 4x the throughput: docs/performance.md, "Send check").
    /// </summary>
    private static async Task<IResult> CheckAsync(string sid, string number, ServiceDirectory directory, SqliteDatabase database, CancellationToken ct)
    {
        if (await directory.GetAsync(sid, ct) is null)
        {
            return ApiProblems.NotFound($"There is no messaging service {sid}.");
        }

        var e164 = E164.Normalize(Uri.UnescapeDataString(number).Trim());
        if (e164 is null)
        {
            return ApiProblems.BadRequest($"'{number}' is not a valid phone number in E.164 form (e.g. +14155550123).", "number.invalid", "e164");
        }

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT OptedOutAt, Keyword, Source FROM BlockList WHERE ServiceSid = $s AND Number = $n";
        command.Parameters.AddWithValue("$s", sid);
        command.Parameters.AddWithValue("$n", e164);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var blocked = await reader.ReadAsync(ct);
        return Results.Ok(new
        {
            number = e164,
            blocked,
            optedOutAt = blocked ? DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)) : (DateTimeOffset?)null,
            keyword = blocked && !reader.IsDBNull(1) ? reader.GetString(1) : null,
            source = blocked ? reader.GetString(2) : null,
        });
    }
}
