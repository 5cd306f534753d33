#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 for the tests: a new cluster in a temporary directory, owned by the postgres user,
# listening on 127.0.0.1 on a free port, trust authentication (loopback only). Installs the Debian package when missing.
# Prints two lines: the Npgsql connection string, then the data directory (pass it to stop-test-postgres.sh).
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
if [ ! -x "$bin/pg_ctl" ]; then
  echo "start-test-postgres: installing postgresql-15 with apt" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 postgresql-contrib-15 >/dev/null 2>&1) \
    || (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null) >&2
fi
id postgres >/dev/null 2>&1 || useradd --system --home /var/lib/postgresql --shell /bin/bash postgres
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

dir="$(mktemp -d /tmp/names-pg.XXXXXX)"
chmod 700 "$dir"
[ "$(id -u)" = 0 ] && chown postgres: "$dir"
as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1
port=""
for _ in $(seq 1 50); do
  candidate=$((20000 + RANDOM % 20000))
  if ! (echo >"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
done
[ -n "$port" ] || { echo "start-test-postgres: no free port" >&2; exit 1; }
# Enough connections for several test servers with their pools; fsync off: the data is thrown away anyway.
as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=128MB" start >/dev/null
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=50;Timeout=30;Command Timeout=60"
echo "$dir"
