#!/usr/bin/env bash
# Webhook load benchmark (issue 5): the Release build on 127.0.0.1, wrk with 64 connections for 15 s.
#   1. the ceiling: GET /ping of the same app
#   2. signed inbound webhooks (varied senders, a realistic keyword mix), signature checks, idempotency and
#      synchronous=FULL all on; then verifies events = 2xx keyword answers and block list = replay of the events
#   3. the same paced at 5,000 requests/s
# Usage: bench/webhook-load/run.sh [seconds] [connections]     (needs wrk: apt-get install -y wrk)
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_RUN=${1:-15}
CONNECTIONS=${2:-64}
THREADS=2
PORT=${PORT:-5099}
TOKEN=load-test-token
KEY=ooc_load_test_key_0123456789abcdef
WORK=$(mktemp -d /tmp/ooc-load.XXXX)
DB=$WORK/load.db
URL=http://127.0.0.1:$PORT

dotnet publish OptOutConsole -c Release -o "$WORK/app" >/dev/null
dotnet build bench/OptOutConsole.LoadGen -c Release >/dev/null
LOADGEN="dotnet bench/OptOutConsole.LoadGen/bin/Release/net10.0/OptOutConsole.LoadGen.dll"

start_server() {
  ( cd "$WORK/app" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__Default="Data Source=$DB" \
    Twilio__AuthToken=$TOKEN Bootstrap__ApiKey=$KEY Logging__LogLevel__Default=Warning \
    exec dotnet OptOutConsole.dll --urls "$URL" >"$WORK/server.log" 2>&1 ) &
  SERVER=$!
  for _ in $(seq 1 100); do curl -sf "$URL/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "server did not start"; cat "$WORK/server.log"; exit 1
}
trap 'kill $SERVER 2>/dev/null || true' EXIT
start_server

# A service like the demo: es and fr language sets, so Arrêt, BAJA, AYUDA, AIDE match.
SID=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"friendlyName":"Load Test"}' "$URL/api/services" | python3 -c 'import sys,json; print(json.load(sys.stdin)["sid"])')
curl -sf -H "Authorization: Bearer $KEY" "$URL/api/services/$SID/config" | python3 -c '
import sys, json
d = json.load(sys.stdin)
d["global"]["optIn"]["keywords"].append("SUSHI")
def s(lang, out, inn, hlp):
    return {"language": lang, "optOut": {"keywords": out, "reply": lang + ": unsubscribed. " + d["friendlyName"]},
            "optIn": {"keywords": inn, "reply": d["friendlyName"] + " " + lang + ": subscribed. Msg&data rates may apply. HELP for help, STOP to stop."},
            "help": {"keywords": hlp, "reply": d["friendlyName"] + " " + lang + ": help at help@example.com. STOP to stop."}}
d["languages"] = [s("es", ["BAJA", "ALTO"], ["ALTA"], ["AYUDA"]), s("fr", ["ARRET"], ["ABONNER"], ["AIDE"])]
print(json.dumps(d))' > "$WORK/config.json"
curl -sf -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$WORK/config.json" "$URL/api/services/$SID/config" >/dev/null

COUNT=$(( SECONDS_RUN * 70000 ))
$LOADGEN prepare --url "$URL" --token $TOKEN --sid "$SID" --count $COUNT --out "$WORK/requests.tsv"
$LOADGEN prepare --url "$URL" --token $TOKEN --sid "$SID" --count $(( SECONDS_RUN * 6000 )) --seed 7 --out "$WORK/paced.tsv"
$LOADGEN prepare --url "$URL" --token $TOKEN --sid "$SID" --count 600000 --seed 3 --out "$WORK/warm.tsv"

# Both endpoints are measured warm: tiered compilation keeps recompiling the webhook's path for several seconds after
# its first requests (18 % of the server's CPU 2-8 s in, 2.6 % after 20 s), and the ceiling gets its own warm-up.
echo "== warm-up (webhook 10 s, /ping 5 s; not counted)"
WRK_REQUESTS="$WORK/warm.tsv" WRK_THREADS=$THREADS wrk -t$THREADS -c$CONNECTIONS -d10s -s bench/webhook-load/webhook.lua "$URL" >/dev/null
wrk -t$THREADS -c$CONNECTIONS -d5s "$URL/ping" >/dev/null
echo "== ceiling: GET /ping, $CONNECTIONS connections, ${SECONDS_RUN}s"
wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s --latency "$URL/ping" | tee "$WORK/ceiling.txt" | grep -E "Requests/sec|99%|50%|Socket errors|Non-2xx" || true
echo "== webhook at saturation, $CONNECTIONS connections, ${SECONDS_RUN}s"
BEFORE=$(sqlite3 "$DB" "SELECT COUNT(*) FROM Events WHERE ServiceSid='$SID'")
WRK_REQUESTS="$WORK/requests.tsv" WRK_THREADS=$THREADS wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s --latency -s bench/webhook-load/webhook.lua "$URL" | tee "$WORK/sat.txt" | grep -E "Requests/sec|RESULT|Socket errors|Non-2xx" || true
# The ceiling moves by up to a fifth between runs on this machine (84k-102k/s): it is measured again right after the
# webhook, and the ratio is given against each measurement and their mean.
echo "== ceiling again: GET /ping, $CONNECTIONS connections, ${SECONDS_RUN}s"
wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s --latency "$URL/ping" | tee "$WORK/ceiling2.txt" | grep -E "Requests/sec|99%|Socket errors|Non-2xx" || true
CEILING=$(awk '/Requests\/sec/ {print $2}' "$WORK/ceiling.txt")
CEILING2=$(awk '/Requests\/sec/ {print $2}' "$WORK/ceiling2.txt")
WEBHOOK=$(awk '/Requests\/sec/ {print $2}' "$WORK/sat.txt")
python3 -c "
w, a, b = $WEBHOOK, $CEILING, $CEILING2
print('ratio to the ceiling: %.2fx of the mean %.0f (%.2fx of %.0f before, %.2fx of %.0f after; webhook %.0f requests/s; goal 0.45x)' % (w / ((a + b) / 2), (a + b) / 2, w / a, a, w / b, b, w))"
echo "== webhook paced at 5,000/s"
WRK_DELAY_MS=12.8 WRK_REQUESTS="$WORK/paced.tsv" WRK_THREADS=$THREADS wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_RUN}s --latency -s bench/webhook-load/webhook.lua "$URL" | tee "$WORK/paced.txt" | grep -E "Requests/sec|RESULT|Socket errors|Non-2xx" || true

kill $SERVER; wait $SERVER 2>/dev/null || true
MATCHED=$(( $(grep -oE 'matched=[0-9]+' "$WORK/sat.txt" | cut -d= -f2) + $(grep -oE 'matched=[0-9]+' "$WORK/paced.txt" | cut -d= -f2) ))
WARM=$BEFORE
echo "== nothing lost (events before the measured runs: $WARM from the warm-up)"
$LOADGEN verify --db "$DB" --sid "$SID" --matched $(( MATCHED + WARM )) --slack $(( CONNECTIONS * 3 ))
echo "work folder: $WORK"
