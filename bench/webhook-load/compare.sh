#!/usr/bin/env bash
# Issue 11's comparison in one run: the webhook load (bench/webhook-load/run.sh) on SQLite, on PostgreSQL with one
# instance and with two, one after the other on the same build, then the three summary lines side by side.
# Usage: bench/webhook-load/compare.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
SECS=${1:-15}; CONNECTIONS=${2:-64}
APP=$(mktemp -d /tmp/ooc-compare-app.XXXX)
dotnet publish OptOutConsole -c Release -o "$APP" >/dev/null
export APP
LOGS=()
for config in "sqlite 1" "postgres 1" "postgres 2"; do
  set -- $config
  log=$(mktemp /tmp/ooc-compare-$1-$2.XXXX.log)
  echo "== $1, $2 instance(s): $log"
  bench/webhook-load/run.sh --provider "$1" --instances "$2" "$SECS" "$CONNECTIONS" > "$log" 2>&1 || echo "   (it failed: see the log)"
  LOGS+=("$log")
done
for log in "${LOGS[@]}"; do
  echo "--- $log"
  grep -E "TOTAL|CPU during|commits:|inbound writer committed|ratio to|-> (ok|FAIL)|FAIL" "$log" | sed 's/^ *//'
done
