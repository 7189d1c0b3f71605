#!/usr/bin/env bash
# Offline check of electron-builder.yml: a linux "dir" build against a stub Electron (no download), then a look
# inside app.asar for the three entry points. Needs `npm run build:app` first. Takes ~10 s.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/.tools/node_modules/.bin:$PWD/node_modules/.bin:$PATH"

for f in out/main/main.js out/preload/preload.cjs dist/renderer/index.html; do
  [[ -f $f ]] || { echo "check-packaging: $f missing — run npm run build:app first" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/electron"
# electron-builder only copies the dist and renames the binary; it reads the version from this file.
node -p "require('./node_modules/electron/package.json').version" > "$work/electron/version"
# The stub carries a fuse wire as Electron's binary does (sentinel, version 1, 8 fuses in Electron's default
# states, '1' on / '0' off), so electron-builder's fuse flipping runs for real and can be read back below.
{ printf '#!/bin/sh\necho stub electron\nexit 0\n# '; printf 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\001\010'; printf '10110001\n'; } \
  > "$work/electron/electron"
chmod +x "$work/electron/electron"

electron-builder --linux dir --config electron-builder.yml \
  -c.electronDist="$work/electron" -c.directories.output="$work/release" >"$work/log" 2>&1 \
  || { cat "$work/log" >&2; exit 1; }

asar="$work/release/linux-unpacked/resources/app.asar"
[[ -f $asar ]] || { echo "check-packaging: no app.asar" >&2; cat "$work/log" >&2; exit 1; }
listing=$(node -e "console.log(require('@electron/asar').listPackage(process.argv[1]).join('\n'))" "$asar")
for f in /package.json /out/main/main.js /out/preload/preload.cjs /dist/renderer/index.html; do
  grep -qx "$f" <<<"$listing" || { echo "check-packaging: $f not in app.asar" >&2; exit 1; }
done
[[ -x $work/release/linux-unpacked/virtdeck ]] || { echo "check-packaging: no virtdeck executable" >&2; exit 1; }
# Fuses as electron-builder.yml asks, read back from the packaged binary with @electron/fuses.
node scripts/check-fuses.cjs "$work/release/linux-unpacked/virtdeck"
echo "check-packaging: ok ($(du -sh "$asar" | cut -f1) app.asar)"
