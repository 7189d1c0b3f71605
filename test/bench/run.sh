#!/bin/bash
# npm run bench: builds, makes sure a test bed is up, runs every bench (vitest project "bench"), prints ratios.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$(bash scripts/bootstrap-node.sh)"
npx tsc -b
rm -f test-results/bench/results.jsonl
npx vitest run --project bench "$@"
echo
echo "=== VirtDeck benchmarks (ratios vs the obvious alternative, same hosts) ==="
node test/bench/print-results.mjs test-results/bench/results.jsonl
