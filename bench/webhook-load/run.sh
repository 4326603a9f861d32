#!/usr/bin/env bash
# Webhook load benchmark (issues 5 and 11): the Release build on 127.0.0.1, wrk with 64 connections for 15 s.
#   1. the ceiling: GET /ping of the same app (one instance only)
#   2. signed inbound webhooks (varied senders, a realistic keyword mix), signature checks, idempotency and durable
#      commits on (SQLite synchronous=FULL; PostgreSQL synchronous_commit=on); then verifies events = 2xx keyword
#      answers, counters = events and block list = replay of the events
#   3. the same paced at 5,000 requests/s (one instance only)
# With --provider postgres a private PostgreSQL cluster is started in the work folder (.ci/postgres-cluster.sh);
# with --instances N, N consoles share the database and wrk's threads connect to them in turn (each instance gets its
# share of the load, as behind a load balancer, without a balancer's own cost).
# It prints the CPU seconds each process used during the measured run, the commits and the messages per commit.
# With --intent off|review|block the service's optOutIntent.mode is set (default review, a new service's mode: the
# mix's free-text opt-out requests, FREE_TEXT_OPTOUTS per 1,000 requests (default 10), are filed as review items).
# The console's own retention runs are off (Retention:RunEveryMinutes=0): only --retention-old-events starts one.
# With --retention-old-events N, N tracking events older than the retention period (of another service) are stored
# before the warm-up, and POST /api/retention/run deletes them while the measured run is under way (issue 13).
# Usage: bench/webhook-load/run.sh [--provider sqlite|postgres] [--instances N] [--intent MODE]
#        [--retention-old-events N] [seconds] [connections]
#        (needs wrk: apt-get install -y wrk; PostgreSQL: apt-get install -y postgresql)
set -euo pipefail
cd "$(dirname "$0")/../.."
PROVIDER=sqlite; INSTANCES=1; INTENT=review; OLD_EVENTS=0; POSITIONAL=()
while [ $# -gt 0 ]; do
  case "$1" in
    --provider) PROVIDER=$2; shift 2 ;;
    --instances) INSTANCES=$2; shift 2 ;;
    --intent) INTENT=$2; shift 2 ;;
    --retention-old-events) OLD_EVENTS=$2; shift 2 ;;
    *) POSITIONAL+=("$1"); shift ;;
  esac
done
SECONDS_RUN=${POSITIONAL[0]:-15}
CONNECTIONS=${POSITIONAL[1]:-64}
PORT=${PORT:-5099}
TOKEN=load-test-token
KEY=ooc_load_test_key_0123456789abcdef
WORK=$(mktemp -d /tmp/ooc-load.XXXX)
URL=http://127.0.0.1:$PORT
APP=${APP:-$WORK/app}
TICKS=$(getconf CLK_TCK)

[ -d "$APP" ] || dotnet publish OptOutConsole -c Release -o "$APP" >/dev/null
dotnet build bench/OptOutConsole.LoadGen -c Release >/dev/null
LOADGEN="dotnet bench/OptOutConsole.LoadGen/bin/Release/net10.0/OptOutConsole.LoadGen.dll"

PIDS=(); PGDIR=
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  if [ -n "$PGDIR" ]; then .ci/postgres-cluster.sh stop "$PGDIR" >/dev/null 2>&1 || true; cp "$PGDIR/server.log" "$WORK/postgres.log" 2>/dev/null || true; rm -rf "$PGDIR"; fi
}
trap cleanup EXIT

if [ "$PROVIDER" = postgres ]; then
  PGDIR=$(mktemp -d /tmp/ooc-load-pg.XXXX)
  # track_commit_timestamp: the verification replays the events in commit order (instances commit ids out of order).
  # min_wal_size: a checkpoint keeps the WAL files it frees for reuse (see the warm-up below), as a busy server does.
  ADMIN=$(.ci/postgres-cluster.sh start "$PGDIR" 0 "-c track_commit_timestamp=on -c min_wal_size=1GB -c log_autovacuum_min_duration=0 -c log_checkpoints=on ${PG_OPTIONS:-}")
  psql "$(echo "$ADMIN" | sed 's/;/ /g; s/Host=/host=/; s/Port=/port=/; s/Username=/user=/; s/Database=/dbname=/')" -qc "CREATE DATABASE load" >/dev/null
  CONNECTION="${ADMIN/Database=postgres/Database=load}"
  SETTINGS=(Database__Provider=Postgres "ConnectionStrings__Default=$CONNECTION")
  PGPORT=$(echo "$ADMIN" | sed -E 's/.*Port=([0-9]+).*/\1/')
  pg_commits() { psql "host=127.0.0.1 port=$PGPORT user=postgres dbname=load" -tAc "SELECT xact_commit FROM pg_stat_database WHERE datname = 'load'"; }
else
  SETTINGS=("ConnectionStrings__Default=Data Source=$WORK/load.db")
fi

start_server() { # port
  local url=http://127.0.0.1:$1
  ( cd "$APP" && exec env ASPNETCORE_ENVIRONMENT=Production "${SETTINGS[@]}" Twilio__AuthToken=$TOKEN Twilio__PublicBaseUrl="$URL" \
    Bootstrap__ApiKey=$KEY Retention__RunEveryMinutes=0 Logging__LogLevel__Default=Warning Logging__LogLevel__OptOutConsole.Core.Inbound.InboundWriter=Information \
    dotnet OptOutConsole.dll --urls "$url" >"$WORK/server-$1.log" 2>&1 ) &
  PIDS+=($!)
  for _ in $(seq 1 150); do curl -sf "$url/healthz" >/dev/null && return 0; sleep 0.2; done
  echo "server on $1 did not start"; cat "$WORK/server-$1.log"; exit 1
}
# The first instance migrates and seeds; the others start once it is up (they would wait on its start-up lock anyway).
for i in $(seq 0 $((INSTANCES - 1))); do start_server $((PORT + i)); done

# A service like the demo: es and fr language sets, so Arrêt, BAJA, AYUDA, AIDE match.
SID=$(curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d '{"friendlyName":"Load Test"}' "$URL/api/services" | python3 -c 'import sys,json; print(json.load(sys.stdin)["sid"])')
curl -sf -H "Authorization: Bearer $KEY" "$URL/api/services/$SID/config" | python3 -c '
import sys, json
d = json.load(sys.stdin)
d.setdefault("optOutIntent", {})["mode"] = sys.argv[1]
d["global"]["optIn"]["keywords"].append("SUSHI")
def s(lang, out, inn, hlp):
    return {"language": lang, "optOut": {"keywords": out, "reply": lang + ": unsubscribed. " + d["friendlyName"]},
            "optIn": {"keywords": inn, "reply": d["friendlyName"] + " " + lang + ": subscribed. Msg&data rates may apply. HELP for help, STOP to stop."},
            "help": {"keywords": hlp, "reply": d["friendlyName"] + " " + lang + ": help at help@example.com. STOP to stop."}}
d["languages"] = [s("es", ["BAJA", "ALTO"], ["ALTA"], ["AYUDA"]), s("fr", ["ARRET"], ["ABONNER"], ["AIDE"])]
print(json.dumps(d))' "$INTENT" > "$WORK/config.json"
curl -sf -X PUT -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' --data-binary @"$WORK/config.json" "$URL/api/services/$SID/config" >/dev/null

if [ "$OLD_EVENTS" -gt 0 ]; then
  # Events of 1,500-1,600 days ago (retention keeps 1,461), from 10,000 numbers of a service the load does not use.
  OLD_MS=$(( ($(date +%s) - 1500 * 86400) * 1000 ))
  SEED="INSERT INTO \"Events\" (\"Time\", \"ServiceSid\", \"From\", \"Country\", \"Type\", \"Keyword\", \"Language\", \"AnsweredBy\", \"MessageSid\")"
  if [ "$PROVIDER" = postgres ]; then
    psql "host=127.0.0.1 port=$PGPORT user=postgres dbname=load" -qc "$SEED SELECT $OLD_MS - i * 8640, 'MGretentionbench', '+1415555' || lpad((i % 10000)::text, 4, '0'), 'US', 'STOP', 'STOP', 'en', 'global', 'SMold' || i FROM generate_series(1, $OLD_EVENTS) AS i"
    psql "host=127.0.0.1 port=$PGPORT user=postgres dbname=load" -qc "VACUUM ANALYZE \"Events\"; CHECKPOINT"
  else
    sqlite3 "$WORK/load.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $OLD_EVENTS) $SEED SELECT $OLD_MS - i * 8640, 'MGretentionbench', '+1415555' || printf('%04d', i % 10000), 'US', 'STOP', 'STOP', 'en', 'global', 'SMold' || i FROM n; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  fi
  echo "stored $OLD_EVENTS tracking events older than the retention period"
fi

# Every instance checks signatures against the same public URL (Twilio:PublicBaseUrl), as behind a load balancer.
COUNT=$(( SECONDS_RUN * 70000 ))
MIX=(--free-text-optouts "${FREE_TEXT_OPTOUTS:-10}")
$LOADGEN prepare --url "$URL" --token $TOKEN --sid "$SID" --count $COUNT "${MIX[@]}" --out "$WORK/requests.tsv"
$LOADGEN prepare --url "$URL" --token $TOKEN --sid "$SID" --count $(( SECONDS_RUN * 6000 )) --seed 7 "${MIX[@]}" --out "$WORK/paced.tsv"
$LOADGEN prepare --url "$URL" --token $TOKEN --sid "$SID" --count 600000 --seed 3 "${MIX[@]}" --out "$WORK/warm.tsv"

# One wrk process with 2 threads and all the connections, as for one instance; with N instances its threads connect to
# the instances in turn (WRK_PORTS in webhook.lua), so the load generator costs the machine the same in both set-ups.
run_wrk() { # label requests-file seconds extra-env...
  local label=$1 file=$2 secs=$3; shift 3
  local threads=$(( INSTANCES > 2 ? INSTANCES : 2 ))
  local ports; ports=$(seq -s, $PORT $((PORT + INSTANCES - 1)))
  cp "$file" "$WORK/$label-0.tsv"
  # The subshell waits for wrk, so its children's CPU time (field 16 + 17 of its stat) is wrk's.
  ( env "$@" WRK_PORTS="$ports" WRK_REQUESTS="$WORK/$label-0.tsv" WRK_THREADS=$threads wrk -t$threads -c$CONNECTIONS -d${secs}s --latency \
      -s bench/webhook-load/webhook.lua "$URL" > "$WORK/$label-0.txt"
    awk '{print $16 + $17}' /proc/$BASHPID/stat > "$WORK/$label-0.cpu" ) &
  WRK_PIDS=$!
}
wait_wrk() { for p in $WRK_PIDS; do wait "$p"; done; }
ticks() { local t=0; for p in "$@"; do [ -r /proc/$p/stat ] && t=$(( t + $(awk '{print $14 + $15}' /proc/$p/stat) )); done; echo $t; }
# PostgreSQL: the postmaster and its backends, and what backends that ended meanwhile used (the postmaster's children's time).
db_ticks() {
  [ "$PROVIDER" = postgres ] || { echo 0; return; }
  local pm; pm=$(head -1 "$PGDIR/data/postmaster.pid")
  echo $(( $(ticks "$pm" $(pgrep -P "$pm" | tr '\n' ' ')) + $(awk '{print $16 + $17}' /proc/$pm/stat) ))
}

# Both endpoints are measured warm: tiered compilation keeps recompiling the webhook's path for several seconds after
# its first requests (18 % of the server's CPU 2-8 s in, 2.6 % after 20 s), and the ceiling gets its own warm-up.
WARM=10; [ "$PROVIDER" = postgres ] && WARM=20
echo "== $PROVIDER, $INSTANCES instance(s), optOutIntent.mode $INTENT: warm-up (webhook ${WARM} s; not counted)"
run_wrk warm "$WORK/warm.tsv" $WARM; wait_wrk
if [ "$PROVIDER" = postgres ]; then
  # A new cluster has one WAL file and makes (zero-fills and syncs) a new 16 MB one every 16 MB of WAL until a
  # checkpoint recycles them: 50-60 ms stalls a few times a second (p99 38-56 ms instead of 12-15 ms), which a
  # server that has run a while does not have. A checkpoint after the warm-up recycles the warm-up's files for the
  # measured runs, as a running server's checkpoints do.
  psql "host=127.0.0.1 port=$PGPORT user=postgres dbname=load" -qc "CHECKPOINT"
fi
if [ "$INSTANCES" = 1 ]; then
  wrk -t2 -c$CONNECTIONS -d5s "$URL/ping" >/dev/null
  echo "== ceiling: GET /ping, $CONNECTIONS connections, ${SECONDS_RUN}s"
  wrk -t2 -c$CONNECTIONS -d${SECONDS_RUN}s --latency "$URL/ping" | tee "$WORK/ceiling.txt" | grep -E "Requests/sec|99%|50%|Socket errors|Non-2xx" || true
fi

echo "== webhook at saturation, $CONNECTIONS connections over $INSTANCES instance(s), ${SECONDS_RUN}s"
COMMITS0=0; [ "$PROVIDER" = postgres ] && COMMITS0=$(pg_commits)
S0=$(ticks "${PIDS[@]}"); D0=$(db_ticks)
run_wrk sat "$WORK/requests.tsv" "$SECONDS_RUN"
if [ "$OLD_EVENTS" -gt 0 ]; then
  curl -s -X POST -H "Authorization: Bearer $KEY" -w ' (answered after %{time_total} s)' "$URL/api/retention/run" > "$WORK/retention.txt" &
  RETENTION_PID=$!
fi
wait_wrk
S1=$(ticks "${PIDS[@]}"); D1=$(db_ticks)
COMMITS1=0; [ "$PROVIDER" = postgres ] && COMMITS1=$(pg_commits)
if [ "$OLD_EVENTS" -gt 0 ]; then
  wait "$RETENTION_PID" || true
  echo "retention run during the load: $(cat "$WORK/retention.txt")"
fi
W=$(cat "$WORK"/sat-*.cpu | awk '{s += $1} END {print s}')
cat "$WORK"/sat-*.txt | grep -E "Requests/sec|RESULT|Socket errors|Non-2xx" || true
python3 - "$WORK" "$INSTANCES" "$SECONDS_RUN" "$TICKS" "$S0" "$S1" "$D0" "$D1" "$COMMITS0" "$COMMITS1" "$W" <<'PY'
import sys, re, glob
work, n, secs, hz, s0, s1, d0, d1, c0, c1, w = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), *map(int, sys.argv[5:12])
rps = p99 = 0.0; ok = non2xx = errors = 0
for f in sorted(glob.glob(work + "/sat-*.txt")):
    m = re.search(r"RESULT ok=(\d+) matched=(\d+) non2xx=(\d+) errors=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+) max_ms=([\d.]+) rps=(\d+)", open(f).read())
    ok += int(m[1]); non2xx += int(m[3]); errors += int(m[4]); rps += float(m[8]); p99 = max(p99, float(m[6]))
print(f"TOTAL {rps:.0f} requests/s over {n} instance(s); p99 {p99:.2f} ms (the worst instance's); non-2xx {non2xx}; socket errors {errors}")
req = rps * secs
def cpu(name, t):
    return f"{name} {t / hz:.1f} s ({t / hz / req * 1e6:.1f} us a request)"
print("CPU during the run: " + ", ".join([cpu("consoles", s1 - s0)] + ([cpu("PostgreSQL", d1 - d0)] if d1 else []) + [cpu("wrk", w), f"of {2 * secs:.0f} s on 2 cores"]))
if c1:
    print(f"PostgreSQL commits: {c1 - c0} ({(c1 - c0) / secs:.0f}/s, {req / max(1, c1 - c0):.1f} requests a commit, all transactions of the database counted)")
PY
if [ "$INSTANCES" = 1 ]; then
  WEBHOOK=$(grep -oE 'rps=[0-9]+' "$WORK/sat-0.txt" | cut -d= -f2)
  CEILING=$(awk '/Requests\/sec/ {print $2}' "$WORK/ceiling.txt")
  python3 -c "print('ratio to the ceiling: %.2fx (webhook %.0f/s, /ping %.0f/s)' % ($WEBHOOK / $CEILING, $WEBHOOK, $CEILING))"
  echo "== webhook paced at 5,000/s"
  run_wrk paced "$WORK/paced.tsv" "$SECONDS_RUN" WRK_DELAY_MS=12.8; wait_wrk
  grep -E "RESULT" "$WORK"/paced-*.txt || true
fi

for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
sleep 1
grep -h "inbound writer committed" "$WORK"/server-*.log || true
MATCHED=0
for f in "$WORK"/warm-*.txt "$WORK"/sat-*.txt "$WORK"/paced-*.txt; do
  [ -f "$f" ] && MATCHED=$(( MATCHED + $(grep -oE 'matched=[0-9]+' "$f" | cut -d= -f2) ))
done
echo "== nothing lost"
if [ "$PROVIDER" = postgres ]; then
  $LOADGEN verify --postgres "$CONNECTION" --sid "$SID" --matched "$MATCHED" --slack $(( CONNECTIONS * 3 * 3 ))
else
  $LOADGEN verify --db "$WORK/load.db" --sid "$SID" --matched "$MATCHED" --slack $(( CONNECTIONS * 3 * 3 ))
fi
if [ "$PROVIDER" = postgres ]; then
  REVIEW=$(psql "host=127.0.0.1 port=$PGPORT user=postgres dbname=load" -tAc 'SELECT count(*) FROM "ReviewItems"')
else
  REVIEW=$(sqlite3 "$WORK/load.db" 'SELECT count(*) FROM ReviewItems')
fi
echo "review items filed (optOutIntent.mode $INTENT): $REVIEW"
echo "work folder: $WORK"
