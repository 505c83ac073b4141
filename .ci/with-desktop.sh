#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (the real Secret
# Service) and an Xvfb display, as the window and keychain tests need on a headless machine.
set -euo pipefail
# The app's look for a new version stays on this machine: a closed loopback port, unless a test
# serves an update of its own.
export MAILBOX_CONNECT_UPDATE_ENDPOINT="${MAILBOX_CONNECT_UPDATE_ENDPOINT:-http://127.0.0.1:9/latest.json}"
exec dbus-run-session -- bash -c '
  echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x900x24" "$@"
' _ "$@"
