#!/usr/bin/env bash
# Sets up what the full suite (`npm run verify`) needs on Debian/Ubuntu:
#   chromium      — browser tests of the built site (driven by playwright-core)
#   postgresql    — the server binaries (initdb, postgres): the Django tests,
#                   the capstone recording and the benches each start a
#                   throwaway cluster of their own on a unix socket and
#                   remove it afterwards; the cluster Debian's package may
#                   create on port 5432 is never used
#   python3-venv  — only when `python3 -m venv` cannot create a venv with pip
#   .venv/        — the project's virtualenv (git-ignored), made with
#                   /usr/bin/python3 and filled from the pinned lock file
#                   test/django/requirements.txt with `pip --require-hashes`:
#                   Django 5.2 LTS, psycopg 3, DRF, Pydantic, FastAPI, httpx,
#                   time-machine, django-tasks and gunicorn. Debian's
#                   python3-django (3.2 on Debian 12) is not used.
# With --bench, also what `npm run bench:endpoint` needs:
#   wrk           — the HTTP load generator (loopback only)
# Run as root (or with sudo) when a package is missing. Safe to run again:
# installs only what is missing, and skips pip when the venv's stamp says it
# already holds this lock file. Prints one line per thing it does.
set -euo pipefail

bench=0
for arg in "$@"; do
  case "$arg" in
    --bench) bench=1 ;;
    -h|--help) echo "usage: $0 [--bench]"; exit 0 ;;
    *) echo "setup-system: unknown option $arg (usage: $0 [--bench])" >&2; exit 2 ;;
  esac
done

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
LOCK="$ROOT/test/django/requirements.txt"
PY=/usr/bin/python3
say() { echo "setup-system: $*"; }

# --- Debian packages -------------------------------------------------------
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
if [ ! -x "$PY" ]; then
  need+=(python3 python3-venv)
elif [ ! -x "$VENV/bin/python" ] && ! "$PY" -c 'import ensurepip, venv' 2>/dev/null; then
  # Debian splits ensurepip out of python3; without it `python3 -m venv` fails.
  need+=(python3-venv)
fi
if [ "$bench" -eq 1 ]; then
  command -v wrk >/dev/null 2>&1 || need+=(wrk)
fi

if [ ${#need[@]} -eq 0 ]; then
  say "system packages already installed (chromium, postgresql$([ "$bench" -eq 1 ] && echo ', wrk'))"
else
  if ! command -v apt-get >/dev/null 2>&1; then
    say "missing ${need[*]} and no apt-get here: install them with your package manager (README.md, 'Run the full suite')" >&2
    exit 1
  fi
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  say "installing ${need[*]} (apt-get)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# --- the project virtualenv --------------------------------------------------
# Under sudo the venv still belongs to whoever owns the checkout, so plain
# `npm run verify` (not as root) can use it and `rm -rf .venv` needs no sudo.
as_owner=()
if [ "$(id -u)" -eq 0 ]; then
  owner="$(stat -c %U "$ROOT")"
  if [ "$owner" != root ]; then
    home="$(getent passwd "$owner" | cut -d: -f6)"
    as_owner=(runuser -u "$owner" -- env HOME="$home")
  fi
fi

python_version="$("$PY" -c 'import sys; print(".".join(map(str, sys.version_info[:3])))')"
# The stamp names the lock file's content and the interpreter: either changing means a rebuild.
want="$(sha256sum "$LOCK" | cut -d' ' -f1) python $python_version"
stamp="$VENV/.requirements-stamp"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/python" ]; then
  say ".venv already holds test/django/requirements.txt (Python $python_version): nothing to do"
  exit 0
fi

# A changed lock gets a fresh venv (--clear): packages dropped from the lock
# must not linger and keep a test passing that would fail on a clean machine.
say "creating .venv with $PY (Python $python_version)"
"${as_owner[@]}" "$PY" -m venv --clear "$VENV"
say "installing test/django/requirements.txt into .venv (pip install --require-hashes)"
"${as_owner[@]}" "$VENV/bin/pip" install --quiet --disable-pip-version-check --require-hashes -r "$LOCK"
"${as_owner[@]}" sh -c 'printf "%s\n" "$1" > "$2"' sh "$want" "$stamp"
say "done: $("$VENV/bin/python" -c 'import django, psycopg; print(f"Django {django.get_version()}, psycopg {psycopg.__version__}")') in .venv"
