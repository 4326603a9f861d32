#!/usr/bin/env bash
# Two set-ups of the webhook load (bench/webhook-load/run.sh) on one build, alternating A, B, A, B... so that the
# machine's drift hits both alike; then each run's summary lines. Used for:
#   issue 12, detection off against review:     bench/webhook-load/ab.sh 3 "--intent off" "--intent review"
#   issue 13, the webhook beside a retention run deleting 1,000,000 old events:
#                                               bench/webhook-load/ab.sh 2 "" "--retention-old-events 1000000"
# Usage: bench/webhook-load/ab.sh PAIRS "A options" "B options" [more run.sh options for both, e.g. --provider postgres]
set -euo pipefail
cd "$(dirname "$0")/../.."
PAIRS=${1:?pairs}; A=${2?A options}; B=${3?B options}; shift 3; COMMON=("$@")
APP=$(mktemp -d /tmp/ooc-ab-app.XXXX)
dotnet publish OptOutConsole -c Release -o "$APP" >/dev/null
export APP
LOGS=()
for pair in $(seq 1 "$PAIRS"); do
  for options in "$A" "$B"; do
    log=$(mktemp /tmp/ooc-ab.XXXX.log)
    echo "== pair $pair, options '$options' ${COMMON[*]}: $log"
    # shellcheck disable=SC2086 # the options are words to split
    bench/webhook-load/run.sh $options "${COMMON[@]}" 15 64 > "$log" 2>&1 || echo "   (it failed: see the log)"
    LOGS+=("$log")
  done
done
for log in "${LOGS[@]}"; do
  echo "--- $log"
  grep -E "optOutIntent.mode|stored .* older|TOTAL|CPU during|ratio to|retention run during|review items|-> (ok|FAIL)|FAIL" "$log" | sed 's/^ *//'
done
