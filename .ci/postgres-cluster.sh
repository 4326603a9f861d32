#!/usr/bin/env bash
# A private PostgreSQL cluster for the tests and benchmarks (Debian's PostgreSQL, no system service):
#   .ci/postgres-cluster.sh start DIR [PORT] [EXTRA]   initdb on first use, start, print the admin connection string
#                                              (EXTRA: more server options, e.g. "-c track_commit_timestamp=on")
#   .ci/postgres-cluster.sh stop DIR           stop it (the data stays in DIR)
# It listens on 127.0.0.1 only, with its socket in DIR/sock, trusts local logins (a throwaway cluster), and keeps
# fsync and synchronous_commit on: the console's durability tests and figures rely on them.
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?data folder}; port=${3:-0}; extra=${4:-}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2; exit 2
fi
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
case "$cmd" in
  start)
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    as_postgres mkdir -p "$dir/sock"
    if [ "$port" = 0 ]; then
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    fi
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir/sock -c max_connections=300 -c fsync=on -c synchronous_commit=on $extra" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
    ;;
  stop)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
