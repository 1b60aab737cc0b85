import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * npm settings a machine may put in the environment on purpose (its certificate, registry, proxy,
 * cache). Every other `npm_*`/`pnpm_*` variable was set by the package manager that runs us and is
 * not for a nested install (pnpm's `npm_config_globalconfig` points at the provided Node's empty npmrc).
 */
const MACHINE_NPM_SETTING =
  /^npm_config_(cafile|ca|cert|key|registry|proxy|https_proxy|http_proxy|noproxy|no_proxy|strict_ssl|cache|userconfig)$/i;

/**
 * The environment for a nested npm: this machine's TLS and proxy settings kept, npm run under this
 * Node (24) with node-gyp building against its headers, and the machine's global npmrc (its `cafile`,
 * say) read again: run.sh records where that is as `AULA_NPM_GLOBALCONFIG` before it switches Node,
 * because npm looks for its global npmrc beside the Node that runs it.
 */
export function npmEnv(source: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (/^p?npm_/i.test(name) && !MACHINE_NPM_SETTING.test(name)) continue;
    env[name] = value;
  }
  const machineNpmrc = source.AULA_NPM_GLOBALCONFIG;
  if (machineNpmrc && existsSync(machineNpmrc)) env.npm_config_globalconfig = machineNpmrc;
  const nodeDir = dirname(dirname(process.execPath));
  if (existsSync(join(nodeDir, 'include', 'node'))) env.npm_config_nodedir = nodeDir;
  env.PATH = `${dirname(process.execPath)}:${source.PATH ?? ''}`;
  env.npm_config_update_notifier = 'false';
  env.npm_config_fund = 'false';
  env.npm_config_audit = 'false';
  return env;
}

export type NpmResult = { code: number | null; how: string; stdout: string; output: string; pid: number | undefined };

const running = new Set<ChildProcess>();
const killAll = (signal: NodeJS.Signals) => {
  for (const child of running) if (child.pid) killGroup(child.pid, signal);
};
const onExit = () => killAll('SIGKILL');
const onSignal = (signal: NodeJS.Signals) => {
  killAll('SIGTERM');
  release();
  process.kill(process.pid, signal);
};
function hold() {
  if (running.size > 1) return;
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
}
function release() {
  if (running.size > 0) return;
  process.off('exit', onExit);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.off('SIGHUP', onSignal);
}
function killGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Runs npm in a process group of its own (npm starts node-gyp, compilers, lifecycle scripts), and
 * ends that whole group when it times out or when this process exits or is signalled: nothing it
 * starts outlives the bootstrap or the test that asked for it.
 */
export function runNpm(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; capture?: boolean; timeoutMs?: number },
): Promise<NpmResult> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      cwd: options.cwd,
      env: options.env,
      detached: true,
      stdio: options.capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    });
    running.add(child);
    hold();
    let stdout = '';
    let output = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      output += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    let how = '';
    const timer =
      options.timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            how = `killed after ${Math.round((options.timeoutMs ?? 0) / 1000)} s`;
            if (child.pid) killGroup(child.pid, 'SIGKILL');
          }, options.timeoutMs);
    let settled = false;
    const done = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(child);
      release();
      // The group may still hold grandchildren that outlived npm itself.
      if (child.pid) killGroup(child.pid, 'SIGKILL');
      resolve({
        pid: child.pid,
        code: error ? null : code,
        how: error ? `could not start npm: ${error.message}` : how || (signal ? `signal ${signal}` : `exit ${code}`),
        stdout,
        output: error ? `npm error ${error.message}` : output,
      });
    };
    child.once('error', (error) => done(null, null, error));
    // 'close', not 'exit': what npm printed is complete only once its pipes have closed.
    child.once('close', (code, signal) => done(code, signal));
  });
}
