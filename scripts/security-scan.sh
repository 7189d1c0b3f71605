#!/usr/bin/env bash
# See security-scan.cjs.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PATH"
exec node scripts/security-scan.cjs
