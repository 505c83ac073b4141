#!/usr/bin/env bash
# Builds the Linux packages once and checks them: the same Tauri bundler and configuration as
# `make package`, in the debug profile so CI does not compile the app a second time. Inspects the
# .deb (control fields, dependencies, files, desktop entry, icons) and the .rpm's header, extracts
# the .deb into a temporary root, and drives the extracted app through the demo flow under Xvfb.
# Installs nothing into the system.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "package check: $*" >&2; exit 1; }

rm -rf target/debug/bundle
# Signed as a release is, with a key pair made for this check (the release's key is a secret).
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
ui/node_modules/.bin/tauri signer generate --ci -f -w "$keys/update.key" >/dev/null
TAURI_SIGNING_PRIVATE_KEY="$(cat "$keys/update.key")" TAURI_SIGNING_PRIVATE_KEY_PASSWORD="" \
  .ci/bundle.sh --debug --bundles deb,rpm --ci
deb=$(ls target/debug/bundle/deb/*.deb)
rpm=$(ls target/debug/bundle/rpm/*.rpm)
version=$(sed -n 's/^  "version": "\(.*\)",$/\1/p' src-tauri/tauri.conf.json)

# Each package has its update signature, bound to this version (the updater refuses one signed
# for another version) and made by the key above. minisign's second line holds the algorithm
# (2 bytes), then the ID of the key (8 bytes).
key_id() { base64 -d | sed -n 2p | base64 -d | head -c 10 | tail -c 8 | od -An -tx1 | tr -d ' \n'; }
for pkg in "$deb" "$rpm"; do
  [ -s "$pkg.sig" ] || fail "no update signature $pkg.sig"
  sig=$(base64 -d <"$pkg.sig") || fail "$pkg.sig is not base64"
  grep -q "^trusted comment: .*version:$version" <<<"$sig" || fail "$pkg.sig is not bound to version $version"
  [ "$(key_id <"$pkg.sig")" = "$(key_id <"$keys/update.key.pub")" ] || fail "$pkg.sig was not made by the build's key"
done

info=$(dpkg-deb -I "$deb")
for field in "Package: mailbox-connect" "Version: $version" "Architecture: amd64" "Homepage: https://" "Description: Connect Microsoft 365"; do
  grep -q "^ *$field" <<<"$info" || fail "the .deb control lacks '$field'"
done
for dep in libwebkit2gtk-4.1-0 libgtk-3-0 "gnome-keyring | keepassxc"; do
  grep -q "^ *Depends:.*$dep" <<<"$info" || fail "the .deb does not depend on $dep"
done
files=$(dpkg-deb -c "$deb")
for f in usr/bin/mailbox-connect "usr/share/applications/Mailbox Connect.desktop" usr/share/doc/mailbox-connect/copyright; do
  grep -qF "$f" <<<"$files" || fail "the .deb lacks $f"
done
for size in 16x16 24x24 32x32 48x48 64x64 128x128 256x256 512x512; do
  grep -qF "usr/share/icons/hicolor/$size/apps/mailbox-connect.png" <<<"$files" || fail "the .deb lacks the $size icon"
done

# The .rpm's header is not compressed: its name, licence and requirements can be read directly.
header=$(head -c 262144 "$rpm" | strings -n 3)
for want in mailbox-connect MIT "libwebkit2gtk-4.1.so.0" "libgtk-3.so.0" "gnome-keyring or keepassxc"; do
  grep -qF "$want" <<<"$header" || fail "the .rpm header lacks $want"
done

root=$(mktemp -d)
trap 'rm -rf "$root" "$keys"' EXIT
dpkg-deb -x "$deb" "$root"
desktop="$root/usr/share/applications/Mailbox Connect.desktop"
for line in "Type=Application" "Name=Mailbox Connect" "Exec=mailbox-connect" "Icon=mailbox-connect" "Terminal=false"; do
  grep -qx "$line" "$desktop" || fail "the desktop entry lacks $line"
done
grep -q "MIT" "$root/usr/share/doc/mailbox-connect/copyright" || fail "the copyright file names no licence"

# The extracted binary, not the build tree's: its window opens and the demo flow reaches a grant.
MAILBOX_CONNECT_APP="$root/usr/bin/mailbox-connect" timeout 300 .ci/with-desktop.sh \
  cargo test -p mailbox-connect-e2e --locked --test window -- --ignored --exact demo_flow::demo_flow_in_the_real_window
echo "package check: $(basename "$deb") and $(basename "$rpm") inspected; the extracted app ran the demo flow."
