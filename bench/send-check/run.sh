#!/usr/bin/env bash
# Send-check benchmark (issue 5, item 3): GET /api/services/{sid}/recipients/{e164} with an API key, the Release build
# on 127.0.0.1, wrk 2 threads / 64 connections / 15 s after a 5 s warm-up, over 10,000 numbers of which a third are on
# the block list. Usage: bench/send-check/run.sh      (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
PORT=${PORT:-5093}; KEY=ooc_load_test_key_0123456789abcdef; URL=http://127.0.0.1:$PORT
WORK=$(mktemp -d /tmp/ooc-send.XXXX); DB=$WORK/s.db
APP=${APP:-$WORK/app}
[ -d "$APP" ] || dotnet publish OptOutConsole -c Release -o "$APP" >/dev/null
( cd "$APP" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$DB" Twilio__AuthToken=x Bootstrap__ApiKey=$KEY Logging__LogLevel__Default=Warning exec dotnet OptOutConsole.dll --urls "$URL" >"$WORK/server.log" 2>&1 ) &
SERVER=$!; trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.2; done
SID=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"friendlyName":"Send Check"}' "$URL/api/services" | python3 -c 'import sys,json; print(json.load(sys.stdin)["sid"])')
python3 -c "
print('number,date,source')
for n in range(0, 10000, 3): print('+1415555%04d,2024-01-01,' % n)
" > $WORK/b.csv
curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: text/csv' --data-binary @$WORK/b.csv "$URL/api/services/$SID/block-list/import" | head -c 100; echo
curl -s -H "Authorization: Bearer $KEY" "$URL/api/services/$SID/recipients/%2B14155550003"; echo
SID=$SID KEY=$KEY wrk -t2 -c64 -d5s -s bench/send-check/sendcheck.lua "$URL" >/dev/null
SID=$SID KEY=$KEY wrk -t2 -c64 -d15s --latency -s bench/send-check/sendcheck.lua "$URL" | grep -E "Requests/sec|50%|99%|Non-2xx|Socket"
