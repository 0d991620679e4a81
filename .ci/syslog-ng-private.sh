#!/usr/bin/env bash
# Unpacks Debian's syslog-ng-core privately (it conflicts with rsyslog, so it cannot be
# apt-installed beside it) into a cache directory, for the handlers-net interop tests.
# Its shared-library dependencies are ordinary apt packages (.ci/run's peers list).
# The tests start the daemon themselves, each with its own config on loopback and a unix
# socket in a temp dir; nothing here starts it or touches /dev/log.
set -euo pipefail
dest="${LOGWEAVE_PEERS_DIR:-/var/cache/logweave-peers}/syslog-ng"
if [ -x "$dest/usr/sbin/syslog-ng" ]; then
  echo "ci: private syslog-ng already in $dest"
  exit 0
fi
if ! command -v apt-get >/dev/null || [ "$(id -u)" != 0 ]; then
  echo "ci: cannot unpack syslog-ng (not root or no apt-get); its interop tests will be skipped"
  exit 0
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -qq syslog-ng-core >/dev/null) || {
  apt-get update -qq && (cd "$tmp" && apt-get download -qq syslog-ng-core >/dev/null)
} || {
  echo "ci: apt-get download syslog-ng-core failed; its interop tests will be skipped"
  exit 0
}
mkdir -p "$dest"
dpkg-deb -x "$tmp"/syslog-ng-core_*.deb "$dest"
echo "ci: private syslog-ng unpacked in $dest ($("$dest/usr/sbin/syslog-ng" --version 2>/dev/null | head -1 || echo 'version unknown'))"
