#!/bin/bash
# run-all.sh -- the whole check, as `npm test` runs it: typecheck, import rules, unit tests,
# integration tests on the real test bed, and the browser tests once they exist.
# Every step runs even if an earlier one failed.  The last line is always
#     N passed, N failed, N skipped
# counting tests from vitest's (and Playwright's) JSON reports; the typecheck and the import
# rules count as one test each.  Exit status 1 if anything failed.
# The integration tests' global setup finds or starts the test bed (see
# test/integration/global-setup.ts); it stays up for the e2e tests and is stopped here at the
# end if it was started for this run (VIRTDECK_TESTBED_KEEP=1: leave it running).
# JSON reports: $VIRTDECK_TEST_OUT, default /tmp/virtdeck-test-reports (Playwright empties its
# outputDir, test-results/playwright, when it starts).  The e2e screenshots of every screen are kept in
# test-results/e2e-shots/ (emptied at the start of each e2e run, see test/e2e/global-setup.ts).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
export PATH
PATH=$(bash scripts/bootstrap-node.sh) || { echo "no usable Node"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
OUT=${VIRTDECK_TEST_OUT:-${TMPDIR:-/tmp}/virtdeck-test-reports}
mkdir -p "$OUT"
rm -f "$OUT"/{unit,integration,e2e}.json "$OUT/testbed.env"
PASSED=0 FAILED=0 SKIPPED=0 NOTES=()

banner() { printf '\n=== %s\n' "$*"; }
took() { echo "--- $1: $(($(date +%s) - $2)) s"; }

# check NAME CMD...: a step that is one test
check() {
    local name=$1 t; t=$(date +%s); shift
    banner "$name"
    if "$@"; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); NOTES+=("$name failed"); fi
    took "$name" "$t"
}

# tally NAME REPORT STATUS: add the counts of a JSON report; a failing run whose report shows
# no failure (a global setup that threw, no report at all) counts as one failure
tally() {
    local name=$1 report=$2 status=$3 counts p f s
    counts=$(node -e '
        const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
        const s = r.stats;   // Playwright
        // vitest: a file that failed without a failed test (did not load, a hook threw) is one failure
        const unloaded = (r.testResults ?? []).filter((f) => f.status === "failed" &&
            !f.assertionResults.some((a) => a.status === "failed")).length;
        console.log(s ? [s.expected + s.flaky, s.unexpected, s.skipped].join(" ")
                      : [r.numPassedTests, r.numFailedTests + unloaded, r.numPendingTests + r.numTodoTests].join(" "));
    ' "$report" 2>/dev/null) || counts="0 0 0"
    read -r p f s <<<"$counts"
    if ((status != 0 && f == 0)); then f=1; fi
    PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
    ((f == 0)) || NOTES+=("$name: $f failed")
}

vitest_project() {
    local name=$1 t status; t=$(date +%s)
    banner "$name tests"
    npx vitest run --project "$name" --passWithNoTests --reporter=default --reporter=json \
        --outputFile.json="$OUT/$name.json"
    status=$?
    tally "$name tests" "$OUT/$name.json" "$status"
    took "$name tests" "$t"
}

# stop_testbed: stop the test bed if the integration setup started it for this run
KEEP_TESTBED=${VIRTDECK_TESTBED_KEEP:-0}
stop_testbed() {
    if [[ ${VIRTDECK_TESTBED_STARTED:-0} == 1 && $KEEP_TESTBED != 1 ]]; then
        bash test/testbed/down.sh --purge
        VIRTDECK_TESTBED_STARTED=0
    fi
}
trap stop_testbed EXIT

check "typecheck (tsc -b, renderer, tests)" npm run --silent typecheck
check "import rules" npm run --silent lint:imports
check "electron security scan (electronegativity, no high findings)" npm run --silent security:scan
check "app build (electron-vite + vite)" npm run --silent build:app
check "packaging config (electron-builder --linux dir, stub Electron)" npm run --silent check:packaging
vitest_project unit
VIRTDECK_TESTBED_REPORT=$OUT/testbed.env VIRTDECK_TESTBED_KEEP=1 vitest_project integration
# the setup's findings (where the test bed is, or why there is none) go on to the e2e tests
if [[ -s $OUT/testbed.env ]]; then
    while IFS='=' read -r key value; do
        [[ $key =~ ^VIRTDECK_TESTBED[A-Z_]*$ ]] && export "$key=$value"
    done <"$OUT/testbed.env"
    NOTES+=("test bed: $VIRTDECK_TESTBED_STATUS")
fi

if [[ -f playwright.config.ts ]]; then
    t=$(date +%s)
    banner "e2e tests"
    PLAYWRIGHT_JSON_OUTPUT_NAME=$OUT/e2e.json npx playwright test --reporter=list,json
    tally "e2e tests" "$OUT/e2e.json" $?
    NOTES+=("e2e screenshots: test-results/e2e-shots ($(ls test-results/e2e-shots 2>/dev/null | wc -l) files)")
    took "e2e tests" "$t"
fi

stop_testbed
banner summary
for n in "${NOTES[@]}"; do echo "  $n"; done
echo "  reports: $OUT"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
((FAILED == 0))
