#!/usr/bin/env bash
# The Tauri bundler as `make package` and the package check run it (arguments go to `tauri build`):
# with the update signatures (.deb.sig, .rpm.sig) when TAURI_SIGNING_PRIVATE_KEY holds a key
# (and TAURI_SIGNING_PRIVATE_KEY_PASSWORD its password, if any), unsigned without one.
set -euo pipefail
cd "$(dirname "$0")/../src-tauri"
if [ -n "${TAURI_SIGNING_PRIVATE_KEY:-}" ]; then
  echo "bundle: signing the update artifacts with TAURI_SIGNING_PRIVATE_KEY"
  export TAURI_SIGNING_PRIVATE_KEY_PASSWORD="${TAURI_SIGNING_PRIVATE_KEY_PASSWORD-}"
  exec ../ui/node_modules/.bin/tauri build "$@"
fi
echo "bundle: TAURI_SIGNING_PRIVATE_KEY is not set, so the packages get no update signatures"
exec ../ui/node_modules/.bin/tauri build "$@" --config '{"bundle":{"createUpdaterArtifacts":false}}'
