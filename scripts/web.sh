#!/usr/bin/env bash
# `npm run web [-- --port N --home DIR]`: the real core behind the loopback web API; prints the URL (with the
# session token) to open in a browser. Builds what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PWD/node_modules/.bin:$PATH"
[[ -f dist/renderer/index.html ]] || vite build
# tsc -b is incremental: cheap when nothing changed.
tsc -b
exec node dist/electron/webapi/cli.js --static dist/renderer "$@"
