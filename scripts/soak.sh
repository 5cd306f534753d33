#!/usr/bin/env bash
# Soak test of `names serve` (issue 6, "Load"); not part of ./test.sh.
# Generates synth names, builds a SQLite registry from ROWS of them, then runs `names bench soak`: steady mixed
# lookup/resolve load on loopback with keep-alive for MINUTES, a sample every 10 s (requests, errors, p99, RSS).
# Usage: scripts/soak.sh [MINUTES=10] [RATE=200] [REPORT=soak-report.md]; extra `names bench soak` options in SOAK_ARGS.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minutes="${1:-10}"; rate="${2:-200}"; report="${3:-soak-report.md}"
rows="${ROWS:-200000}"
work="$(mktemp -d -t names-soak-XXXXXX)"
trap 'rm -rf "$work"' EXIT
# Names beyond ROWS are the new names the resolves bring.
"$root/names" synth --rows $((rows + 100000)) --seed 6 --out "$work/synth.csv"
"$root/names" bench soak --input "$work/synth.csv" --rows "$rows" --minutes "$minutes" --rate "$rate" --report "$report" ${SOAK_ARGS:-}
