#!/usr/bin/env bash
# What `npm test` needs beyond npm packages, checked before any minute is spent on the build:
# Debian's Chromium for Playwright (never a downloaded browser) and PostgreSQL's server binaries (the
# store's contract tests start a throwaway server). Installed when this runs as root with apt-get;
# otherwise one line says what to install, and the tests stop.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/postgres/server.sh install

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "test prerequisites: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; point it at a Chromium binary or unset it to use /usr/bin/chromium." >&2
  exit 1
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "== installing Debian chromium (Playwright runs in it)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }
  [ -x /usr/bin/chromium ] && exit 0
fi
echo "test prerequisites: Chromium is missing; install it (Debian: sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary." >&2
exit 1
