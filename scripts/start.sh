#!/usr/bin/env bash
# `npm start`: build the app bundles and run Electron (needs an Electron binary; see TOOLCHAIN.md).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PWD/node_modules/.bin:$PATH"
npm run build:app
exec electron . "$@"
