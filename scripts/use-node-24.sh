# Source me from the repository root:   source scripts/use-node-24.sh
#
# For machines that have npm but no Node version manager: when the `node` on
# PATH is one this project does not support (src/node-version.cjs decides, from
# package.json's engines.node), install the npm registry's `node@24` package
# (it carries a real Node 24 binary) into a cache folder and put it first on
# PATH for this shell. Nothing is installed system-wide; delete the folder to
# undo. Idempotent, and silent when the current Node is already supported.
#
# Plain POSIX sh so bash, zsh and dash can all source it; it must never `exit`
# (that would close the learner's shell), only `return`.

if ! (return 0 2>/dev/null); then
  echo "use-node-24: source this script so it can change your shell's PATH:  source scripts/use-node-24.sh" >&2
  exit 2
fi

_djts_use_node_24() {
  # bash names the sourced file in BASH_SOURCE, zsh in $0; otherwise assume the repository root.
  _djts_self="${BASH_SOURCE:-$0}"
  case "$_djts_self" in
    *use-node-24.sh) _djts_root="$(cd "$(dirname "$_djts_self")/.." && pwd)" ;;
    *) _djts_root="$(pwd)" ;;
  esac
  _djts_gate="$_djts_root/src/node-version.cjs"
  if [ ! -f "$_djts_gate" ]; then
    echo "use-node-24: run this from the repository root (no src/node-version.cjs under $_djts_root)" >&2
    return 1
  fi
  if command -v node >/dev/null 2>&1 && node "$_djts_gate" >/dev/null 2>&1; then
    return 0 # the current Node is supported: nothing to do, nothing to say
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "use-node-24: npm is not installed either; get Node 24 from https://nodejs.org/en/download" >&2
    return 1
  fi

  _djts_prefix="${DJTS_NODE_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/djts-node24}"
  _djts_bin="$_djts_prefix/node_modules/node/bin"
  # Reinstall when the cached copy is missing or (say, an old cache) itself unsupported.
  if [ ! -x "$_djts_bin/node" ] || ! "$_djts_bin/node" "$_djts_gate" >/dev/null 2>&1; then
    echo "use-node-24: found Node $(node -p process.version 2>/dev/null || echo '(none)'); installing the npm registry's node@24 into $_djts_prefix" >&2
    mkdir -p "$_djts_prefix" &&
      npm install --prefix "$_djts_prefix" --no-save --no-audit --no-fund --loglevel=error node@24 >&2 || {
        echo "use-node-24: the install failed (see above); nothing was changed" >&2
        return 1
      }
  fi
  export PATH="$_djts_bin:$PATH"
  hash -r 2>/dev/null || true # forget the old `node` location (bash, zsh)
  echo "use-node-24: using Node $(node --version) from $_djts_bin (this shell only)" >&2
}

_djts_use_node_24
_djts_status=$?
unset -f _djts_use_node_24
unset _djts_self _djts_root _djts_gate _djts_prefix _djts_bin
# Leave no variable behind: expand the status, then unset, then return it.
eval "unset _djts_status; return $_djts_status"
