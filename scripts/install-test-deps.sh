#!/usr/bin/env bash
# Installs what the tests need and a fresh Debian 12 machine lacks: redis-server (the tests start
# their own on free ports; nothing is left running), Debian's chromium (the phone app's browser
# tests drive /usr/bin/chromium through Playwright; no browser is ever downloaded) and nginx-light
# (Deploy.Tests runs deploy/'s nginx config in front of a web node, on free ports).
# Idempotent: does nothing when all are there.
set -euo pipefail

need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
# DejaVu covers Latin and Cyrillic, so screenshots in both languages show real text.
[ -x /usr/bin/chromium ] || need+=(chromium fonts-dejavu-core)
# /usr/sbin is not on every user's PATH.
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx-light)

if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "Installing ${need[*]} ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # Debian may start the packaged service; the tests never use it.
  $sudo service redis-server stop >/dev/null 2>&1 || true
  $sudo service nginx stop >/dev/null 2>&1 || true
fi
