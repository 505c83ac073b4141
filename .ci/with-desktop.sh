#!/usr/bin/env bash
# Runs a command inside a private D-Bus session with an unlocked gnome-keyring (the real Secret
# Service) and an Xvfb display, as the window and keychain tests need on a headless machine.
set -euo pipefail
exec dbus-run-session -- bash -c '
  echo "" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x900x24" "$@"
' _ "$@"
