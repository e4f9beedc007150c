#!/usr/bin/env bash
# Installs the system tools the full suite needs on Debian/Ubuntu:
#   chromium       — browser tests of the built site (driven by playwright-core)
#   python3-django — runs the guide's Django snippets under real Django
# Run as root (or with sudo). Safe to run again: installs only what is missing.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c 'import django' 2>/dev/null || need+=(python3-django)

if [ ${#need[@]} -eq 0 ]; then
  echo "setup-system: chromium and python3-django are already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-system: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
