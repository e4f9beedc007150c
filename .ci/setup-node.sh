# Source me: puts Node >= 22.12 first on PATH.
# The machines here ship Node 20; when the system Node is older than the
# project needs, fetch the npm registry's `node@24` package (it carries a real
# Node 24 binary) into a cache folder and prefer it. Idempotent and quiet when
# nothing needs doing.
_need_node() {
  command -v node >/dev/null 2>&1 || return 0
  node -e '
    const [maj, min] = process.versions.node.split(".").map(Number);
    process.exit(maj > 22 || (maj === 22 && min >= 12) ? 1 : 0);
  '
}
if _need_node; then
  NODE24_PREFIX="${NODE24_PREFIX:-${XDG_CACHE_HOME:-$HOME/.cache}/djts-node24}"
  NODE24_BIN="$NODE24_PREFIX/node_modules/node/bin"
  if [ ! -x "$NODE24_BIN/node" ]; then
    echo "setup-node: system Node is $(node --version 2>/dev/null || echo missing); installing node@24 into $NODE24_PREFIX" >&2
    mkdir -p "$NODE24_PREFIX"
    npm install --prefix "$NODE24_PREFIX" --no-save --no-audit --no-fund --loglevel=error node@24 >&2
  fi
  export PATH="$NODE24_BIN:$PATH"
fi
unset -f _need_node
echo "setup-node: using Node $(node --version) at $(command -v node)" >&2
