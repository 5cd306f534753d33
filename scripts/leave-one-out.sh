#!/usr/bin/env bash
# Leave-one-data-set-out figures of the pretrained default model (docs/benchmarks.md, "Pretrained default"): for each
# labelled set of src/Resolver/Data/models/training-sets.json, a model is trained on the other sets and measured on the
# one left out, beside the built-in Fellegi-Sunter model (what a fresh registry used before) and the shipped model.
# Names only (no context columns): the pretrained model's use. B-cubed F1 from `names eval`; namebench holds pairs
# only, so pairwise F1 from `names eval-pairs`.
# Usage: scripts/leave-one-out.sh [SET...]   (default: every set of the manifest; WORK=DIR keeps the models and JSON)
set -euo pipefail
cd "$(dirname "$0")/.."
manifest=src/Resolver/Data/models/training-sets.json
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
if [ $# -eq 0 ]; then
  mapfile -t sets < <(python3 -c 'import json,sys; [print(s["name"]) for s in json.load(open(sys.argv[1]))["sets"]]' "$manifest")
else
  sets=("$@")
fi
python3 scripts/febrl-with-truth.py datasets/febrl/dataset3.csv > "$work/febrl3.csv"

# The eval command of each set (its README/benchmarks command without context columns).
measure() {
  local set=$1 model=$2 json=$3
  case $set in
    dedupe-patstat-nl) ./names eval datasets/dedupe-patstat-nl/patstat_reference.csv --column person_name --truth-column leuven_id --model "$model" --json "$json" ;;
    splink-historical50k) ./names eval datasets/splink-historical50k/historical_figures_with_errors_50k.csv --column first_and_surname \
        --family-column surname --given-column first_name --default-kind person --truth-column cluster --model "$model" --json "$json" ;;
    febrl) ./names eval "$work/febrl3.csv" --column name --family-column surname --given-column given_name --default-kind person \
        --truth-column truth --model "$model" --json "$json" ;;
    dedupe-chicago-ece) ./names eval datasets/dedupe-chicago-ece/csv_example_input_with_true_ids.csv --column "Site name" \
        --truth-column "True Id" --default-kind legal_entity --model "$model" --json "$json" ;;
    ror-org-names) ./names eval datasets/ror-org-names/ror_org_names.csv --column name --country-column country --truth-column ror_id \
        --default-kind legal_entity --model "$model" --json "$json" ;;
    ror-crossref-affiliations) ./names eval datasets/ror-crossref-affiliations/crossref_affiliations_train.csv --column affiliation \
        --truth-column ror_id --default-kind legal_entity --model "$model" --json "$json" ;;
    nomenklatura-namebench) ./names eval-pairs datasets/nomenklatura-namebench/cases.csv --model "$model" \
        | awk '$1 == "(all)" { printf "{\"pairF1\": %s}\n", $5 }' > "$json" ;;
    *) echo "no eval command for set '$set'" >&2; exit 2 ;;
  esac
}

f1() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.4f" % d.get("bCubedF1", d.get("pairF1")))' "$1"; }

printf '%-28s %-10s %10s %14s %10s\n' set metric built-in left-out shipped
for set in "${sets[@]}"; do
  ./names train --pretrained "$manifest" --leave-out "$set" --out "$work/without-$set.json" 2> "$work/train-$set.log"
  measure "$set" builtin "$work/$set-builtin.json" > "$work/$set-builtin.txt"
  measure "$set" "$work/without-$set.json" "$work/$set-left-out.json" > "$work/$set-left-out.txt"
  measure "$set" pretrained "$work/$set-shipped.json" > "$work/$set-shipped.txt"
  metric=$([ "$set" = nomenklatura-namebench ] && echo "pair F1" || echo "B3 F1")
  printf '%-28s %-10s %10s %14s %10s\n' "$set" "$metric" "$(f1 "$work/$set-builtin.json")" "$(f1 "$work/$set-left-out.json")" "$(f1 "$work/$set-shipped.json")"
done
echo "work files: $work" >&2
