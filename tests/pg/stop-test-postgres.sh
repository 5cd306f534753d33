#!/usr/bin/env bash
# Stops the PostgreSQL started by start-test-postgres.sh and removes its directory. Usage: stop-test-postgres.sh DIR
set -uo pipefail
dir="${1:?data directory}"
case "$dir" in /tmp/names-pg.*) ;; *) echo "stop-test-postgres: refusing to remove $dir" >&2; exit 1;; esac
bin=/usr/lib/postgresql/15/bin
if [ -d "$dir/data" ]; then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  else "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1; fi
fi
rm -rf "$dir"
