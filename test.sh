#!/usr/bin/env bash
# Runs every test project of Names and ends with one line "N passed, N failed".
# Self-sufficient on a fresh Debian machine with only the .NET SDK: whatever else the tests need is installed here.
# Usage: ./test.sh [--fast] [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Identifier]
# --fast: only the tests that need neither apt packages, PostgreSQL nor Chromium and are not marked slow (xUnit traits
# Category=Postgres, Browser, Slow); installs nothing and starts no database. Without it: every test (what CI runs).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
results="$root/.build/test-results"
rm -rf "$results"; mkdir -p "$results"
fast=0
if [ "${1:-}" = "--fast" ]; then fast=1; shift; fi

if [ "$fast" = 0 ]; then # (the full run's system packages and database; not indented, to keep the blocks as they are)

# System libraries the tests need (ICU for transliteration is on every machine that runs .NET, checked anyway), and
# Debian's chromium for the review page's browser tests (Playwright drives it; its own browser download is never used).
need_apt=()
ldconfig -p 2>/dev/null | grep -q 'libicui18n.so' || need_apt+=(libicu72)
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]} with apt" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >&2 || echo "test.sh: apt install failed" >&2
fi

# A throw-away PostgreSQL for the service tests (installed with apt when missing), removed on exit.
if [ -z "${NAMES_TEST_PG:-}" ]; then
  if pg_lines="$(bash "$root/tests/pg/start-test-postgres.sh")"; then
    export NAMES_TEST_PG="$(sed -n 1p <<<"$pg_lines")"
    pg_dir="$(sed -n 2p <<<"$pg_lines")"
    trap 'bash "$root/tests/pg/stop-test-postgres.sh" "$pg_dir"' EXIT
  else
    echo "test.sh: could not start PostgreSQL; the PostgreSQL tests will fail (CI) or be skipped" >&2
  fi
fi
fi

# The fast run's filter, joined with a --filter given on the command line.
args=()
filter=""
[ "$fast" = 1 ] && filter="Category!=Postgres&Category!=Browser&Category!=Slow"
while [ $# -gt 0 ]; do
  if [ "$1" = "--filter" ] && [ $# -gt 1 ]; then filter="${filter:+$filter&}($2)"; shift 2
  else args+=("$1"); shift; fi
done
[ -n "$filter" ] && args+=(--filter "$filter")

if ! dotnet build Names.sln -c Release -nologo -v q -clp:ErrorsOnly; then
  echo "test.sh: build failed" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
# Test projects only (tests/Names.Testing is the fixtures library they share).
test_projects=$(grep -l '<IsTestProject>true</IsTestProject>' tests/*/*.csproj)
for proj in $test_projects; do
  name="$(basename "$proj" .csproj)"
  dotnet test "$proj" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" ${args[@]+"${args[@]}"} || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done
# A project that crashed before writing its results counts as one failure.
expected=$(wc -w <<<"$test_projects"); got=$(ls "$results"/*.trx 2>/dev/null | wc -l)
if [ "$got" -lt "$expected" ]; then failed=$((failed + expected - got)); status=1; fi
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit $status
