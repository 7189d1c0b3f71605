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
rm -f "$OUT"/{unit,integration,integration-guest,e2e}.json "$OUT"/{testbed.env,integration-guest.status}
PASSED=0 FAILED=0 SKIPPED=0 NOTES=() GUEST_PID=''

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
    local name=$1 report=$2 status=$3 lines p f s
    lines=$(node test/report-counts.mjs "$report" 2>/dev/null) || lines="0 0 0"
    read -r p f s <<<"${lines%%$'\n'*}"
    if ((status != 0 && f == 0)); then f=1; fi
    PASSED=$((PASSED + p)) FAILED=$((FAILED + f)) SKIPPED=$((SKIPPED + s))
    ((f == 0)) || NOTES+=("$name: $f failed")
    while IFS= read -r line; do NOTES+=("    failed: $line"); done < <(tail -n +2 <<<"$lines")
}

# vitest_project LABEL PROJECT [REPORT]: one vitest run, tallied from its JSON report ($OUT/REPORT.json)
vitest_project() {
    local label=$1 project=$2 report=$OUT/${3:-$2}.json t status; t=$(date +%s)
    banner "$label"
    npx vitest run --project "$project" --passWithNoTests --reporter=default --reporter=json \
        --outputFile.json="$report"
    status=$?
    tally "$label" "$report" "$status"
    took "$label" "$t"
}

# stop_testbed: stop the test bed if the integration setup started it for this run
KEEP_TESTBED=${VIRTDECK_TESTBED_KEEP:-0}
stop_testbed() {
    [[ -z $GUEST_PID ]] || kill "$GUEST_PID" 2>/dev/null
    if [[ ${VIRTDECK_TESTBED_STARTED:-0} == 1 && $KEEP_TESTBED != 1 ]]; then
        bash test/testbed/down.sh --purge
        VIRTDECK_TESTBED_STARTED=0
    fi
    # the other lanes' test beds started for this run (the e2e tests use them too, one per Playwright worker)
    if [[ $KEEP_TESTBED != 1 ]]; then
        for dir in ${VIRTDECK_TESTBED_EXTRA:-}; do
            env -u TB_BASE_PORT -u TB_LAB_NET -u TB_NAME_PREFIX VIRTDECK_TESTBED="$dir" bash test/testbed/down.sh --purge
        done
        VIRTDECK_TESTBED_EXTRA=
    fi
}
trap stop_testbed EXIT

# The CLI bundle the integration tests run (bin/virtdeck.js), built once for both integration runs below.
check "CLI bundle (scripts/build-cli.mjs)" npm run --silent build:cli
export VIRTDECK_CLI_BUILT=1

# The integration files that boot the real cloud-init guest (minutes of TCG each, one core busy) run in the
# background from here on, on a test bed of their own (ports base+6..base+8), while everything else -- the checks,
# the unit tests, the other integration files and the browser tests -- uses the other core. One guest at a time:
# two TCG guests on 2 cores starve each other until a guest kernel stalls. VIRTDECK_TEST_SERIAL=1 runs them after
# the other integration files instead, on the same test bed.
GUEST_T=$(date +%s)
if [[ ${VIRTDECK_TEST_SERIAL:-0} != 1 ]]; then
    base=${VIRTDECK_TESTBED_BASE_PORT:-2200}
    # The lane holds $VIRTDECK_GUEST_LOCK until it is done: the e2e specs that boot a real guest wait for it
    # (test/e2e/guest-lane.ts). Its children do not inherit the lock (9>&-), so none can keep it after the lane.
    export VIRTDECK_GUEST_LOCK=$OUT/guest-lane.lock
    (
        flock 9
        VIRTDECK_INTEGRATION_FILES=guest VIRTDECK_TESTBED_LANES=1 VIRTDECK_TESTBED_BASE_PORT=$((base + 5)) \
            VIRTDECK_TESTBED=${VIRTDECK_TESTBED:-${XDG_CACHE_HOME:-$HOME/.cache}/virtdeck/testbed}-guest \
            npx vitest run --project integration --reporter=default --reporter=json \
            --outputFile.json="$OUT/integration-guest.json" 9>&-
        echo $? >"$OUT/integration-guest.status"
    ) 9>"$VIRTDECK_GUEST_LOCK" >"$OUT/integration-guest.log" 2>&1 &
    GUEST_PID=$!
    echo "(the files that boot the real guest run in the background; their output follows the e2e tests)"
fi

check "typecheck (tsc -b, renderer, tests)" npm run --silent typecheck
check "import rules" npm run --silent lint:imports
check "electron security scan (electronegativity, no high findings)" npm run --silent security:scan
check "app build (electron-vite + vite)" npm run --silent build:app
check "packaging config (electron-builder --linux dir, stub Electron)" npm run --silent check:packaging
vitest_project "unit tests" unit
VIRTDECK_INTEGRATION_FILES=$([[ -n $GUEST_PID ]] && echo light) VIRTDECK_TESTBED_LANES=${VIRTDECK_TESTBED_LANES:-1} \
    VIRTDECK_TESTBED_REPORT=$OUT/testbed.env VIRTDECK_TESTBED_KEEP=1 vitest_project "integration tests" integration
# the setup's findings (where the test bed is, or why there is none) go on to the e2e tests
if [[ -s $OUT/testbed.env ]]; then
    while IFS='=' read -r key value; do
        [[ $key =~ ^VIRTDECK_TESTBED[A-Z0-9_]*$ ]] && export "$key=$value"
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

if [[ -n $GUEST_PID ]]; then
    banner "integration tests (files that boot the real guest, run in the background since the start)"
    wait "$GUEST_PID"
    cat "$OUT/integration-guest.log"
    tally "integration tests (real guest)" "$OUT/integration-guest.json" "$(cat "$OUT/integration-guest.status" 2>/dev/null || echo 1)"
    took "integration tests (real guest)" "$GUEST_T"
fi

stop_testbed
banner summary
for n in "${NOTES[@]}"; do echo "  $n"; done
echo "  reports: $OUT"
echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
((FAILED == 0))
