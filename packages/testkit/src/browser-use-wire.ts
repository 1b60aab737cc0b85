import type { ServerResponse } from 'node:http';
import { MALFORMED_CONTENT, retryHeaders, sendJson, sleep } from './respond.ts';
import { sampleFromSchema } from './sample-from-schema.ts';
import type { EmulatorStep } from './types.ts';

type Task = {
  id: string;
  sessionId: string;
  task: string;
  llm: string;
  status: 'created' | 'started' | 'finished' | 'failed' | 'stopped';
  pollsLeft: number;
  output: string | null;
  final: { status: 'finished' | 'failed'; output: string | null };
  createdAt: string;
};

export type BrowserUseState = { tasks: Map<string, Task>; n: number };

type CreateBody = { task?: string; llm?: string; structuredOutput?: string | null };

const CREATED_AT = '2025-01-01T00:00:00';

/** Browser Use Cloud API v2 tasks: `POST /tasks`, `GET /tasks/{id}/status`, `GET /tasks/{id}`, `PATCH /tasks/{id}`. */
export async function answerBrowserUse(
  state: BrowserUseState,
  res: ServerResponse,
  method: string,
  rest: string[],
  body: unknown,
  step: EmulatorStep | undefined,
) {
  if (method === 'POST' && rest.length === 1 && rest[0] === 'tasks')
    return create(state, res, body as CreateBody, step);
  const task = rest[0] === 'tasks' && rest[1] ? state.tasks.get(rest[1]) : undefined;
  if (!task) return sendJson(res, 404, { detail: 'Task not found' });
  if (method === 'GET' && rest[2] === 'status') {
    advance(task);
    const { id, status, output } = task;
    const done = status !== 'created' && status !== 'started';
    return sendJson(res, 200, {
      id,
      status,
      output,
      finishedAt: done ? CREATED_AT : null,
      isSuccess: done ? status === 'finished' : null,
      cost: done ? '0.01' : null,
    });
  }
  if (method === 'GET' && rest.length === 2) return sendJson(res, 200, view(task));
  if (method === 'PATCH' && rest.length === 2) {
    if (task.status === 'created' || task.status === 'started') task.status = 'stopped';
    return sendJson(res, 200, view(task));
  }
  return sendJson(res, 405, { detail: 'Method Not Allowed' });
}

async function create(state: BrowserUseState, res: ServerResponse, body: CreateBody, step: EmulatorStep = {}) {
  if (step.delayMs) await sleep(step.delayMs);
  if (step.status !== undefined && step.status >= 400) {
    return sendJson(res, step.status, { detail: step.message ?? `Error ${step.status}` }, retryHeaders(step));
  }
  if (typeof body?.task !== 'string' || body.task.length === 0) {
    return sendJson(res, 422, { detail: [{ loc: ['body', 'task'], msg: 'Field required', type: 'missing' }] });
  }
  state.n += 1;
  const id = `00000000-0000-4000-8000-${String(state.n).padStart(12, '0')}`;
  const task: Task = {
    id,
    sessionId: `10000000-0000-4000-8000-${String(state.n).padStart(12, '0')}`,
    task: body.task,
    llm: body.llm ?? 'browser-use-2.0',
    status: 'created',
    pollsLeft: step.polls ?? 1,
    output: null,
    final: { status: step.failed ? 'failed' : 'finished', output: step.failed ? null : outputFor(body, step) },
    createdAt: CREATED_AT,
  };
  state.tasks.set(id, task);
  sendJson(res, 202, { id, sessionId: task.sessionId });
}

function advance(task: Task) {
  if (task.status !== 'created' && task.status !== 'started') return;
  if (task.pollsLeft > 0) {
    task.pollsLeft -= 1;
    task.status = 'started';
    return;
  }
  task.status = task.final.status;
  task.output = task.final.output;
}

function outputFor(body: CreateBody, step: EmulatorStep): string {
  if (step.text !== undefined) return step.text;
  if (step.json !== undefined) return JSON.stringify(step.json);
  if (step.malformed) return MALFORMED_CONTENT;
  if (!body.structuredOutput) return 'Task completed.';
  return JSON.stringify(sampleFromSchema(JSON.parse(body.structuredOutput)));
}

function view(task: Task) {
  const done = task.status !== 'created' && task.status !== 'started';
  return {
    id: task.id,
    sessionId: task.sessionId,
    llm: task.llm,
    task: task.task,
    status: task.status,
    createdAt: task.createdAt,
    startedAt: task.createdAt,
    finishedAt: done ? task.createdAt : null,
    metadata: {},
    steps: [],
    output: task.output,
    outputFiles: [],
    isSuccess: done ? task.status === 'finished' : null,
    cost: done ? '0.01' : null,
  };
}
