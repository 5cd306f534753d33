#!/usr/bin/env bash
# Remakes the pretrained default model that ships in src/Resolver/Data/models/default-pair-model.json from the labelled
# data sets listed in src/Resolver/Data/models/training-sets.json (a seeded sample of pairs from each). The same sets,
# seed and code give the same bytes: `git diff` after running it shows whether the shipped model is current.
# Leave-one-data-set-out figures: scripts/leave-one-out.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
./names train --pretrained src/Resolver/Data/models/training-sets.json --datasets datasets --out src/Resolver/Data/models/default-pair-model.json
