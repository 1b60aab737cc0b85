import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { credentialsFromEnv, deployWorkflows } from './deploy.ts';
import { type BridgeEnv, readBridgeEnv, required } from './env.ts';
import { checkRegistry, ensureN8n, installDir, N8N_VERSION } from './install.ts';
import { createApiKey, createN8nApi } from './n8n-api.ts';
import { exportNodeTypes, NODE_TYPES_FILE } from './node-types.ts';
import { normaliseWorkflow, workflowText } from './normalise.ts';
import { loadWorkflows, WORKFLOWS_DIR } from './workflow-files.ts';

const USAGE = `usage: npm run aula -- n8n <command>   (or node n8n/src/cli.ts <command>)
  install [--check]    install the pinned n8n into its cache directory (once per lockfile); --check only
                       checks, in seconds, that the registry answers with the environment the install uses
  deploy               create/update the repository's workflows by name, set credentials, activate
  node-types           regenerate node-types.json (descriptions of the node types the workflows use) from n8n
  export [--out DIR]   write n8n's copies of the repository's workflows, normalised (default: n8n/workflows)
  executions [--limit N] [--workflow NAME]   recent executions with their status
Environment: N8N_URL, N8N_API_KEY or N8N_OWNER_EMAIL + N8N_OWNER_PASSWORD, AULA_N8N_WEBHOOK_SECRET,
AULA_COURSE_READY_WEBHOOK_SECRET, AULA_N8N_HOME (see .env.example).`;

async function api(env: BridgeEnv, log: (line: string) => void) {
  let apiKey = env.apiKey;
  if (!apiKey) {
    const owner = required('N8N_API_KEY (or N8N_OWNER_EMAIL and N8N_OWNER_PASSWORD)', env.owner);
    apiKey = await createApiKey({ url: env.url, ...owner });
    log('created an n8n API key for the owner (set N8N_API_KEY to reuse one)');
  }
  return createN8nApi({ url: env.url, apiKey });
}

export async function main(argv: string[], env: BridgeEnv, log: (line: string) => void = console.log): Promise<number> {
  const [command, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      out: { type: 'string' },
      limit: { type: 'string' },
      workflow: { type: 'string' },
      check: { type: 'boolean' },
    },
  });
  switch (command) {
    case 'install': {
      if (values.check) {
        await checkRegistry();
        log(`the registry serves n8n ${N8N_VERSION}; it would be installed into ${env.n8nHome ?? installDir()}`);
        return 0;
      }
      const install = await ensureN8n({ dir: env.n8nHome ?? installDir(), log });
      log(
        `${install.bin} (${install.record.megabytes} MB, installed in ${install.record.seconds} s${install.record.cached ? ', cached' : ''})`,
      );
      return 0;
    }
    case 'node-types': {
      const install = await ensureN8n({ dir: env.n8nHome ?? installDir(), log });
      const descriptions = exportNodeTypes(
        install,
        loadWorkflows().map((w) => w.workflow),
      );
      writeFileSync(NODE_TYPES_FILE, `${JSON.stringify(descriptions, null, 2)}\n`);
      log(`wrote ${descriptions.length} node descriptions to ${NODE_TYPES_FILE}`);
      return 0;
    }
    case 'deploy': {
      const deployed = await deployWorkflows({
        api: await api(env, log),
        workflows: loadWorkflows().map((w) => w.workflow),
        credentials: credentialsFromEnv(env),
        log,
      });
      log(`${deployed.length} workflows active`);
      return 0;
    }
    case 'export': {
      const client = await api(env, log);
      const summaries = await client.listWorkflows();
      const out = values.out ?? WORKFLOWS_DIR;
      for (const { file, workflow } of loadWorkflows()) {
        const found = summaries.find((w) => w.name === workflow.name);
        if (!found) {
          log(`not in n8n: "${workflow.name}"`);
          continue;
        }
        const target = join(out, file.slice(WORKFLOWS_DIR.length + 1));
        writeFileSync(target, workflowText(normaliseWorkflow(await client.getWorkflow(found.id))));
        log(`wrote ${target}`);
      }
      return 0;
    }
    case 'executions': {
      const client = await api(env, log);
      const workflows = await client.listWorkflows();
      const named = values.workflow ? workflows.find((w) => w.name === values.workflow) : undefined;
      if (values.workflow && !named) throw new Error(`no workflow named "${values.workflow}"`);
      const executions = await client.listExecutions({ workflowId: named?.id, limit: Number(values.limit ?? 20) });
      for (const e of executions) {
        const name = workflows.find((w) => w.id === e.workflowId)?.name ?? e.workflowId;
        const ms = e.stoppedAt ? new Date(e.stoppedAt).getTime() - new Date(e.startedAt).getTime() : undefined;
        log(
          `${e.startedAt}  ${e.status.padEnd(8)} ${e.mode.padEnd(8)} ${ms === undefined ? '' : `${ms} ms`.padEnd(9)} ${name} (#${e.id})`,
        );
      }
      if (executions.length === 0) log('no executions');
      return 0;
    }
    default:
      log(USAGE);
      return command && command !== 'help' ? 1 : 0;
  }
}

if (import.meta.main) {
  main(process.argv.slice(2), readBridgeEnv()).then(
    (code) => process.exit(code),
    (error: Error) => {
      console.error(`aula n8n: ${error.message}`);
      process.exit(1);
    },
  );
}
