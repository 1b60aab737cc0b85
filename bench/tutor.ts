/**
 * Tutor benchmark (prints numbers, asserts nothing): the time the web server adds before the first
 * token reaches the client, over the provider's own time to first token. The emulator answers every
 * tutor call after a fixed TTFT; the client measures from sending POST /api/tutor/messages to the
 * first `token` event. Added = client TTFT − the emulator's TTFT measured directly (same machine,
 * same concurrency). p50/p95 at 1 and 50 concurrent students.
 * Run: `. scripts/dev-env.sh && pnpm --filter @aula/web build && node bench/tutor.ts [ttftMs] [rounds]`.
 */
import { createApi } from '@aula/data';
import { emulatorEnv } from '@aula/llm';
import { assertWebBuilt, startTestStack, startWeb } from '@aula/test-stack';
import { startProviderEmulator } from '@aula/testkit';

const TTFT = Number(process.argv[2] ?? 300);
const ROUNDS = Number(process.argv[3] ?? 4);

assertWebBuilt();
const stack = await startTestStack({ env: { AULA_TUTOR_MESSAGES_PER_MINUTE: '1000' } });
const emu = await startProviderEmulator();
const server = await startWeb({
  directusUrl: stack.url,
  env: {
    ...emulatorEnv(emu.url, { AULA_TUTOR_PROVIDER: 'groq', AULA_TUTOR_FALLBACKS: '' }),
    AULA_TUTOR_SERVICE_KEY: stack.tutorServiceKey,
  },
});
const webUrl = server.url;

async function cleanup() {
  await server.stop();
  await emu.stop();
  await stack.stop();
}

try {
  const admin = createApi(stack.url);
  const { access_token } = await admin.request<{ access_token: string }>('POST', '/auth/login', stack.admin);
  const api = createApi(stack.url, access_token);
  const [role] = await api.request<{ id: string }[]>('GET', '/roles?filter[name][_eq]=Student&fields=id');
  const [course] = await api.request<{ id: string }[]>(
    'GET',
    '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id',
  );
  const [lesson] = await api.request<{ id: string }[]>(
    'GET',
    `/items/lessons?filter[course][_eq]=${course!.id}&fields=id&sort=module.sort,sort&limit=1`,
  );
  const students: string[] = [];
  for (let i = 0; i < 50; i++) {
    const email = `bench-${i}-${Date.now()}@example.com`;
    await api.request('POST', '/users', { email, password: 'Bench-Password-2026!', role: role!.id });
    const login = await admin.request<{ access_token: string }>('POST', '/auth/login', {
      email,
      password: 'Bench-Password-2026!',
    });
    await createApi(stack.url, login.access_token).request('POST', `/aula/courses/${course!.id}/enroll`, {});
    students.push(login.access_token);
  }

  /** Time to the first `token` event of one tutor message, and the course API's share (server-timing). */
  async function ask(token: string, conversationId?: string) {
    const t0 = performance.now();
    const res = await fetch(`${webUrl}/api/tutor/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ lessonId: lesson!.id, message: '¿Qué es un programa?', conversationId }),
    });
    if (!res.ok || !res.body) throw new Error(`tutor: ${res.status} ${await res.text()}`);
    const turn = Number(/turn;dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '')?.[1] ?? Number.NaN);
    const decoder = new TextDecoder();
    let buffer = '';
    let first = Number.NaN;
    let conversation = conversationId;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      if (Number.isNaN(first) && buffer.includes('event: token')) first = performance.now() - t0;
      conversation ??= /"conversationId":"([^"]+)"/.exec(buffer)?.[1];
    }
    return { ttft: first, turn, conversation };
  }

  /** The emulator's own TTFT as a client on this machine sees it (the baseline). */
  async function direct() {
    const t0 = performance.now();
    const res = await fetch(`${emu.url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer gsk_test' },
      body: JSON.stringify({ model: 'bench-direct', stream: true, messages: [{ role: 'user', content: 'hola' }] }),
    });
    let first = Number.NaN;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      if (Number.isNaN(first) && new TextDecoder().decode(chunk).includes('"content":"Una'))
        first = performance.now() - t0;
    }
    return first;
  }

  const step = { delayMs: TTFT, chunks: ['Una ', 'pregunta ', 'para ', 'ti: ', '¿qué ', 'crees?'] };
  const pct = (values: number[], p: number) => {
    const sorted = values.filter(Number.isFinite).toSorted((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
  };
  const f = (n: number) => n.toFixed(1).padStart(7);

  // Warm-up: compile paths, open connections.
  emu.script('groq', ...Array.from({ length: 5 }, () => ({ ...step, delayMs: 0 })));
  for (let i = 0; i < 5; i++) await ask(students[0]!);

  console.log(`tutor benchmark: emulator TTFT ${TTFT} ms, ${ROUNDS} message(s) per student`);
  console.log('concurrency | n   | direct p50 | web TTFT p50 | p95 | added p50 | added p95 | course API p50 | p95');
  for (const concurrency of [1, 50]) {
    emu.reset();
    emu.script('groq', ...Array.from({ length: concurrency * ROUNDS }, () => step));
    emu.script({ model: 'bench-direct' }, ...Array.from({ length: concurrency * ROUNDS }, () => step));
    const web: { ttft: number; turn: number }[] = [];
    const baseline: number[] = [];
    await Promise.all(
      students.slice(0, concurrency).map(async (token) => {
        let conversation: string | undefined;
        for (let r = 0; r < ROUNDS; r++) {
          const [result, base] = await Promise.all([ask(token, conversation), direct()]);
          conversation = result.conversation;
          web.push(result);
          baseline.push(base);
        }
      }),
    );
    const ttfts = web.map((w) => w.ttft);
    const base50 = pct(baseline, 50);
    const added = ttfts.map((t) => t - base50);
    const turns = web.map((w) => w.turn);
    console.log(
      `${String(concurrency).padStart(11)} | ${String(web.length).padEnd(3)} | ${f(base50)}    | ${f(pct(ttfts, 50))}      | ${f(pct(ttfts, 95))} | ${f(pct(added, 50))}   | ${f(pct(added, 95))}   | ${f(pct(turns, 50))}        | ${f(pct(turns, 95))}`,
    );
  }
  console.log('added = web TTFT − the emulator TTFT a direct client measured (p50), in ms; goal: added p95 ≤ 30 ms.');
} finally {
  await cleanup();
}
