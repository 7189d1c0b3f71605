#!/usr/bin/env bash
# `npm start` / `bash scripts/start.sh`: the app, from a fresh clone, in one command.
# Fetches what is missing (Node 24 from the npm registry when the system Node is older; npm packages),
# builds, and runs Electron. Where no Electron binary can be had (e.g. an offline machine: Electron
# downloads its binary on first launch), it runs the very same UI in the browser instead, over the
# loopback web API, and prints the URL to open.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null; then
    echo "npm is needed (Debian: sudo apt-get install npm); it fetches Node 24 and the packages" >&2
    exit 1
fi
PATH="$(bash scripts/bootstrap-node.sh)"
export PATH="$PWD/node_modules/.bin:$PATH"
[[ -d node_modules/electron ]] || npm ci --no-audit --no-fund
npm run --silent build:app
if node -e "require('electron')" >/dev/null 2>&1; then
    exec electron . "$@"
fi
echo "No Electron binary available here: starting the same UI in your browser instead." >&2
exec bash scripts/web.sh "$@"
