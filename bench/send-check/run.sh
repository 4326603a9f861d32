#!/usr/bin/env bash
# Send-check benchmark (issues 5 and 11): GET /api/services/{sid}/recipients/{e164} with an API key, the Release build
# on 127.0.0.1, wrk 2 threads / 64 connections / 15 s after a 5 s warm-up, over 10,000 numbers of which a third are on
# the block list. With --provider postgres it starts a private PostgreSQL cluster (.ci/postgres-cluster.sh) and runs
# the console on it; with --with-webhook-load the webhook load (bench/webhook-load) runs against the same console at
# the same time, 32 connections beside the send check's 32 ("the send check under the same load").
# Usage: bench/send-check/run.sh [--provider sqlite|postgres] [--with-webhook-load]   (needs wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
PROVIDER=sqlite; MIXED=0
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) PROVIDER=$2; shift 2 ;;
    --with-webhook-load) MIXED=1; shift ;;
    *) echo "unknown option $1"; exit 2 ;;
  esac
done
PORT=${PORT:-5093}; KEY=ooc_load_test_key_0123456789abcdef; TOKEN=load-test-token; URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/ooc-send.XXXX)
APP=${APP:-$WORK/app}
[ -d "$APP" ] || dotnet publish OptOutConsole -c Release -o "$APP" >/dev/null
PGDIR=
cleanup() { kill "${SERVER:-0}" 2>/dev/null || true; if [ -n "$PGDIR" ]; then .ci/postgres-cluster.sh stop "$PGDIR" >/dev/null 2>&1 || true; rm -rf "$PGDIR"; fi; }
trap cleanup EXIT
if [ "$PROVIDER" = postgres ]; then
  PGDIR=$(mktemp -d /tmp/ooc-send-pg.XXXX)
  ADMIN=$(.ci/postgres-cluster.sh start "$PGDIR")
  SETTINGS=(Database__Provider=Postgres "ConnectionStrings__Default=${ADMIN/Database=postgres/Database=sendcheck}")
else
  SETTINGS=("ConnectionStrings__Default=Data Source=$WORK/s.db")
fi
( cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production "${SETTINGS[@]}" Twilio__AuthToken=$TOKEN Twilio__PublicBaseUrl="$URL" Bootstrap__ApiKey=$KEY Logging__LogLevel__Default=Warning dotnet OptOutConsole.dll --urls "$URL" >"$WORK/server.log" 2>&1 ) &
SERVER=$!
for _ in $(seq 1 150); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.2; done
SID=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"friendlyName":"Send Check"}' "$URL/api/services" | python3 -c 'import sys,json; print(json.load(sys.stdin)["sid"])')
python3 -c "
print('number,date,source')
for n in range(0, 10000, 3): print('+1415555%04d,2024-01-01,' % n)
" > $WORK/b.csv
curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @$WORK/b.csv "$URL/api/services/$SID/block-list/import" | head -c 100; echo
curl -s -H "Authorization: Bearer $KEY" "$URL/api/services/$SID/recipients/%2B14155550003"; echo
CONNECTIONS=64
if [ "$MIXED" = 1 ]; then
  CONNECTIONS=32
  dotnet build bench/OptOutConsole.LoadGen -c Release >/dev/null
  dotnet bench/OptOutConsole.LoadGen/bin/Release/net10.0/OptOutConsole.LoadGen.dll prepare --url "$URL" --token $TOKEN --sid "$SID" --count 800000 --out "$WORK/requests.tsv" >/dev/null
fi
# Warm-up: 5 s on SQLite; on PostgreSQL Npgsql's async paths are still in tiered compilation's instrumented tier after
# 5 s (3,650-3,800/s measured then, 12,500/s after 20 s), so 20 s.
WARM=${WARM:-$([ "$PROVIDER" = postgres ] && echo 20 || echo 5)}
SID=$SID KEY=$KEY wrk -t2 -c$CONNECTIONS -d${WARM}s -s bench/send-check/sendcheck.lua "$URL" >/dev/null
if [ "$MIXED" = 1 ]; then
  WRK_REQUESTS="$WORK/requests.tsv" WRK_THREADS=1 wrk -t1 -c32 -d17s --latency -s bench/webhook-load/webhook.lua "$URL" > "$WORK/webhook.txt" &
  WEBHOOK=$!
  sleep 1
fi
echo "== send check ($PROVIDER), $CONNECTIONS connections, 15 s$([ "$MIXED" = 1 ] && echo ', beside 32 connections of webhooks')"
SID=$SID KEY=$KEY wrk -t$([ "$MIXED" = 1 ] && echo 1 || echo 2) -c$CONNECTIONS -d15s --latency -s bench/send-check/sendcheck.lua "$URL" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket"
if [ "$MIXED" = 1 ]; then
  wait $WEBHOOK
  echo "== the webhooks beside it"; grep -E "RESULT" "$WORK/webhook.txt"
fi
