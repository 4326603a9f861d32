#!/usr/bin/env bash
# Crash safety (issue 5): run the Release build, load it from 32 workers, SIGKILL it after N seconds, restart it
# over the same SQLite file, and check that every message answered with a 2xx is stored (its answer, and its
# tracking event when it was a keyword). Usage: bench/webhook-load/crash.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=$(mktemp -d /tmp/ooc-crash.XXXX)
dotnet publish OptOutConsole -c Release -o "$WORK/app" >/dev/null
dotnet build bench/OptOutConsole.LoadGen -c Release >/dev/null
dotnet bench/OptOutConsole.LoadGen/bin/Release/net10.0/OptOutConsole.LoadGen.dll crash \
  --dll "$WORK/app/OptOutConsole.dll" --db "$WORK/crash.db" --port "${PORT:-5096}" --token crash-token \
  --seconds "${1:-6}" --workers 32
