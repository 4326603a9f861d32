#!/usr/bin/env bash
# Issue 12's comparison in one run: the webhook load (bench/webhook-load/run.sh) with optOutIntent.mode off and with
# review (detection on every text no keyword matched; "stop please" and "please stop", about 9 % of the mix, filed
# as review items in the answer's commit), alternating on the same build so that drift hits both alike.
# Usage: bench/webhook-load/intent-compare.sh [--provider sqlite|postgres] [pairs] [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
PROVIDER=sqlite
if [ "${1:-}" = --provider ]; then PROVIDER=$2; shift 2; fi
PAIRS=${1:-3}; SECS=${2:-15}; CONNECTIONS=${3:-64}
APP=$(mktemp -d /tmp/ooc-intent-app.XXXX)
dotnet publish OptOutConsole -c Release -o "$APP" >/dev/null
export APP
LOGS=()
for pair in $(seq 1 "$PAIRS"); do
  for mode in off review; do
    log=$(mktemp /tmp/ooc-intent-$PROVIDER-$mode.XXXX.log)
    echo "== pair $pair, optOutIntent.mode $mode: $log"
    bench/webhook-load/run.sh --provider "$PROVIDER" --intent "$mode" "$SECS" "$CONNECTIONS" > "$log" 2>&1 || echo "   (it failed: see the log)"
    LOGS+=("$log")
  done
done
for log in "${LOGS[@]}"; do
  echo "--- $log"
  grep -E "optOutIntent.mode|TOTAL|CPU during|ratio to|review items|-> (ok|FAIL)|FAIL" "$log" | sed 's/^ *//'
done
