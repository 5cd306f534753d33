#!/usr/bin/env bash
# The share of ROR names that resolve, as plain input (no identifier), to the entity `names import ror` made for them.
# Imports the ROR v2 sample into a fresh registry, resolves every name of every record (with the record's country),
# and counts the rows whose entity holds the record's ROR id (the resolve output's external_ids column).
# Usage: scripts/ror-import-share.sh [ROR_V2_JSON] (default datasets/ror-org-names/ror_records_v2.json)
set -euo pipefail
cd "$(dirname "$0")/.."
json="${1:-datasets/ror-org-names/ror_records_v2.json}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 - "$json" "$work/names.csv" <<'PY'
import csv, json, sys
records = json.load(open(sys.argv[1], encoding="utf-8"))
with open(sys.argv[2], "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["ror_id", "name", "name_types", "country"])
    for r in records:
        country = (r.get("locations") or [{}])[0].get("geonames_details", {}).get("country_code", "")
        for n in r["names"]:
            w.writerow([r["id"].rsplit("/", 1)[-1], n["value"], "+".join(n.get("types", [])), country])
PY
./names import ror "$json" --db "$work/r.db" --rejects "$work/import-rejects.csv"
./names resolve "$work/names.csv" --column name --country-column country --db "$work/r.db" --out "$work/out.csv" --rejects "$work/rejects.csv" >/dev/null
python3 - "$work/out.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
def share(selected):
    hit = sum(1 for r in selected if "ror:" + r["ror_id"] in r["external_ids"].split(";"))
    return f"{hit:,} of {len(selected):,} ({hit / max(1, len(selected)):.1%})"
print("names resolved to the entity holding their ROR id:", share(rows))
print("  without acronyms:", share([r for r in rows if "acronym" not in r["name_types"]]))
print("  acronyms only:   ", share([r for r in rows if "acronym" in r["name_types"]]))
PY
