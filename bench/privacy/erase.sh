#!/usr/bin/env bash
# Erasure benchmark (issue 13): a console (Release, 127.0.0.1) over a database holding EVENTS tracking events from
# 100,000 numbers plus TARGET_EVENTS events and a block-list entry of one number; then the time of
# DELETE /api/subscribers/{e164} for that number (one transaction: block list to its keyed hash, every event
# pseudonymised, ...) and of GET /api/subscribers/{e164} for an ordinary number (a scan of the events by sender).
# Usage: bench/privacy/erase.sh [--provider sqlite|postgres] [EVENTS] [TARGET_EVENTS]   (needs sqlite3 or PostgreSQL)
set -euo pipefail
cd "$(dirname "$0")/../.."
PROVIDER=sqlite
if [ "${1:-}" = --provider ]; then PROVIDER=$2; shift 2; fi
EVENTS=${1:-1000000}; TARGET_EVENTS=${2:-10000}
PORT=${PORT:-5097}; URL=http://127.0.0.1:$PORT; KEY=ooc_load_test_key_0123456789abcdef
WORK=$(mktemp -d /tmp/ooc-erase.XXXX); APP=${APP:-$WORK/app}; PGDIR=; PID=
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null || true
  if [ -n "$PGDIR" ]; then .ci/postgres-cluster.sh stop "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$PGDIR"; fi
}
trap cleanup EXIT
[ -d "$APP" ] || dotnet publish OptOutConsole -c Release -o "$APP" >/dev/null

if [ "$PROVIDER" = postgres ]; then
  PGDIR=$(mktemp -d /tmp/ooc-erase-pg.XXXX)
  ADMIN=$(.ci/postgres-cluster.sh start "$PGDIR")
  PGPORT=$(echo "$ADMIN" | sed -E 's/.*Port=([0-9]+).*/\1/')
  sql() { psql "host=127.0.0.1 port=$PGPORT user=postgres dbname=postgres" -qtAc "$1"; }
  SETTINGS=(Database__Provider=Postgres "ConnectionStrings__Default=$ADMIN")
else
  sql() { sqlite3 "$WORK/erase.db" "$1"; }
  SETTINGS=("ConnectionStrings__Default=Data Source=$WORK/erase.db")
fi
( cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production "${SETTINGS[@]}" Bootstrap__ApiKey=$KEY Logging__LogLevel__Default=Warning \
  dotnet OptOutConsole.dll --urls "$URL" >"$WORK/server.log" 2>&1 ) &
PID=$!
for _ in $(seq 1 150); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.2; done
SID=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"friendlyName":"Erasure bench"}' "$URL/api/services" | python3 -c 'import sys,json; print(json.load(sys.stdin)["sid"])')

NOW_MS=$(( $(date +%s) * 1000 ))
COLUMNS='INSERT INTO "Events" ("Time", "ServiceSid", "From", "Country", "Type", "Keyword", "Language", "AnsweredBy", "MessageSid")'
TARGET=+14155559999
if [ "$PROVIDER" = postgres ]; then
  sql "$COLUMNS SELECT $NOW_MS - i * 25, '$SID', '+1416555' || lpad((i % 100000)::text, 5, '0'), 'CA', 'STOP', 'STOP', 'en', 'global', 'SMe' || i FROM generate_series(1, $EVENTS) AS i"
  sql "$COLUMNS SELECT $NOW_MS - i * 1000, '$SID', '$TARGET', 'US', 'HELP', 'HELP', 'en', 'global', 'SMt' || i FROM generate_series(1, $TARGET_EVENTS) AS i"
  sql "VACUUM ANALYZE \"Events\""
else
  sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $EVENTS) $COLUMNS SELECT $NOW_MS - i * 25, '$SID', '+1416555' || printf('%05d', i % 100000), 'CA', 'STOP', 'STOP', 'en', 'global', 'SMe' || i FROM n"
  sql "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $TARGET_EVENTS) $COLUMNS SELECT $NOW_MS - i * 1000, '$SID', '$TARGET', 'US', 'HELP', 'HELP', 'en', 'global', 'SMt' || i FROM n; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
fi
sql "INSERT INTO \"BlockList\" (\"ServiceSid\", \"Number\", \"OptedOutAt\", \"Keyword\", \"Source\", \"MessageSid\") VALUES ('$SID', '$TARGET', $NOW_MS, 'STOP', 'keyword', 'SMt0')" >/dev/null
echo "$PROVIDER: $(sql 'SELECT COUNT(*) FROM "Events"') events, $TARGET_EVENTS of them from $TARGET"

# A first access warms the console's paths (and the page cache) as a running server has them.
curl -sf -o /dev/null -H "Authorization: Bearer $KEY" "$URL/api/subscribers/%2B14165550001"
for n in 1 2 3; do
  curl -sf -o /dev/null -w "access of an ordinary number (events scanned by sender): %{time_total} s\n" -H "Authorization: Bearer $KEY" "$URL/api/subscribers/%2B1416555000$n"
done
curl -sf -w "\nerasure of $TARGET: %{time_total} s\n" -X DELETE -H "Authorization: Bearer $KEY" "$URL/api/subscribers/%2B14155559999?reason=benchmark"
curl -s -w "send check after: %{time_total} s\n" -H "Authorization: Bearer $KEY" "$URL/api/services/$SID/recipients/%2B14155559999"
echo "events still from the number: $(sql "SELECT COUNT(*) FROM \"Events\" WHERE \"From\" = '$TARGET'"); pseudonymised: $(sql "SELECT COUNT(*) FROM \"Events\" WHERE \"From\" LIKE 'erased:%'")"
