#!/usr/bin/env bash
# Installs the system tools the full suite (`npm run verify`) needs on Debian/Ubuntu:
#   chromium          — browser tests of the built site (driven by playwright-core)
#   python3-django    — runs the guide's Django snippets under real Django
#   python3-psycopg2  — Django's PostgreSQL driver: the capstone's Django test
#                       loads Django's postgresql backend to compare column types
#                       (test/django/tests/test_10_capstone.py); no server needed
# With --bench, also what `npm run bench:endpoint` (and the PostgreSQL column
# of `npm run bench`) need:
#   postgresql        — a throwaway local server started for the run
#   wrk               — the HTTP load generator (loopback only)
#   gunicorn          — serves the Django side
# The benches never use the cluster Debian's postgresql package may create:
# they initdb a throwaway server of their own and remove it afterwards.
# Run as root (or with sudo). Safe to run again: installs only what is missing.
set -euo pipefail

bench=0
for arg in "$@"; do
  case "$arg" in
    --bench) bench=1 ;;
    -h|--help) echo "usage: $0 [--bench]"; exit 0 ;;
    *) echo "setup-system: unknown option $arg (usage: $0 [--bench])" >&2; exit 2 ;;
  esac
done

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
/usr/bin/python3 -c 'import django' 2>/dev/null || need+=(python3-django)
/usr/bin/python3 -c 'import psycopg2' 2>/dev/null || need+=(python3-psycopg2)
if [ "$bench" -eq 1 ]; then
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
  /usr/bin/python3 -c 'import gunicorn' 2>/dev/null || need+=(gunicorn)
fi

if [ ${#need[@]} -eq 0 ]; then
  if [ "$bench" -eq 1 ]; then
    echo "setup-system: chromium, python3-django, python3-psycopg2, postgresql, wrk and gunicorn are already installed"
  else
    echo "setup-system: chromium, python3-django and python3-psycopg2 are already installed"
  fi
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup-system: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
