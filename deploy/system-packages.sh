#!/usr/bin/env bash
# The Debian packages `make test` and `make demo` need besides Python and npm: Chromium and its
# driver (browser tests), poppler (PDF tests), Pango and a CJK font (WeasyPrint), gettext (the
# English catalogue). Installs the missing ones when run as root; otherwise prints the one command
# to run and fails, so the tests never start on a machine that would make them error.
set -euo pipefail
PACKAGES=(chromium chromium-driver poppler-utils libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk gettext)
PACKAGES+=("$@")
missing=()
for pkg in "${PACKAGES[@]}"; do
  # "install ok installed" only: a removed package leaves "deinstall ok config-files" behind.
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "install ok installed" ] || missing+=("$pkg")
done
[ "${#missing[@]}" -eq 0 ] && exit 0
command="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  echo "installing system packages with sudo: ${missing[*]}"
  sudo apt-get update -qq
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing system packages: ${missing[*]}" >&2
echo "Run this once as root, then run make again:" >&2
echo "  sudo sh -c '$command'" >&2
exit 1
