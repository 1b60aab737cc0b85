/**
 * Tutor benchmark (prints numbers, asserts nothing): the time the web server adds before the first
 * token reaches the client, over the provider's own time to first token. The emulator answers every
 * tutor call after a fixed TTFT; the client measures from sending POST /api/tutor/messages to the
 * first `token` event. Added = client TTFT − the emulator's TTFT measured directly (same machine,
 * same concurrency). p50/p95 at 1 and 50 concurrent students. Each student first opens the tutor
 * panel as a browser does (GET /api/tutor/conversations, untimed), and asks in the conversation it shows.
 * Run: `. scripts/dev-env.sh && pnpm --filter @aula/web build && node bench/tutor.ts [ttftMs] [rounds] [--smoke]`.
 * `runTutor` returns the rows `npm run bench` puts in its table (--smoke: 1 and 2 students, one message each).
 */
import { parseArgs } from 'node:util';
import { createApi } from '@aula/data';
import { assertWebBuilt } from '@aula/test-stack';
import { serversFor } from './stack.ts';
import { type BenchOptions, printAlone, type Row } from './table.ts';

export const TUTOR_FIGURES = [
  'added before first token, 1 student: p95',
  'added before first token, 50 students: p95',
  'added before first token, 50 students: p50',
  'course API turn, 50 students: p95',
  'limit: course API no-op request, 50 students: p95',
  'limit: site refuses an unreadable message, 50 students: p95',
] as const;

export async function runTutor({
  smoke,
  log,
  shared,
  ttft = 300,
  rounds = smoke ? 1 : 4,
}: BenchOptions & { ttft?: number; rounds?: number }): Promise<Row[]> {
  const TTFT = ttft;
  const ROUNDS = rounds;
  const CLASS = smoke ? 2 : 50;
  assertWebBuilt();
  const servers = await serversFor(shared, { AULA_TUTOR_MESSAGES_PER_MINUTE: '1000' });
  const { stack, emu } = servers;
  try {
    const webUrl = servers.web.url;
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
    for (let i = 0; i < CLASS; i++) {
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

    /**
     * What a browser does when a student opens the tutor panel (on a wide screen, when the lesson page
     * loads): it reads the student's latest conversation about the lesson (the site reads the tutor's
     * context alongside) and the first message goes into that conversation.
     */
    async function openPanel(token: string): Promise<string | undefined> {
      const res = await fetch(`${webUrl}/api/tutor/conversations?lessonId=${lesson!.id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (!res.ok) throw new Error(`tutor panel: ${res.status} ${await res.text()}`);
      const { conversation } = (await res.json()) as { conversation: { id: string } | null };
      return conversation?.id;
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
    const warm = smoke ? 1 : 5;
    emu.script('groq', ...Array.from({ length: warm }, () => ({ ...step, delayMs: 0 })));
    for (let i = 0; i < warm; i++) await ask(students[0]!);

    log(`tutor benchmark: emulator TTFT ${TTFT} ms, ${ROUNDS} message(s) per student`);
    log('concurrency | n   | direct p50 | web TTFT p50 | p95 | added p50 | added p95 | course API p50 | p95');
    const measured = new Map<number, { base50: number; added: number[]; turns: number[] }>();
    for (const concurrency of [1, CLASS]) {
      emu.reset();
      // The direct client's script first: its requests (Groq's path too) would otherwise take the site's
      // steps, and the site's last calls would get the emulator's default answer, with no TTFT at all.
      emu.script({ model: 'bench-direct' }, ...Array.from({ length: concurrency * ROUNDS }, () => step));
      emu.script('groq', ...Array.from({ length: concurrency * ROUNDS }, () => step));
      const web: { ttft: number; turn: number; round: number }[] = [];
      const baseline: number[] = [];
      // The class opens the tutor panel together, and starts asking once every panel has loaded (a
      // student reads it and types a question first); opening is not timed.
      const group = students.slice(0, concurrency);
      const opened = await Promise.all(group.map(openPanel));
      await Promise.all(
        group.map(async (token, i) => {
          let conversation = opened[i];
          for (let r = 0; r < ROUNDS; r++) {
            const [result, base] = await Promise.all([ask(token, conversation), direct()]);
            conversation = result.conversation;
            web.push({ ...result, round: r });
            baseline.push(base);
          }
        }),
      );
      const ttfts = web.map((w) => w.ttft);
      const base50 = pct(baseline, 50);
      const added = ttfts.map((t) => t - base50);
      const turns = web.map((w) => w.turn);
      measured.set(concurrency, { base50, added, turns });
      if (ROUNDS > 1) {
        // The first message of each student opens the site's connections to the provider (and to the
        // course API when the panel did not): later rounds find them open.
        const byRound = (first: boolean) => web.filter((w) => (w.round === 0) === first).map((w) => w.ttft - base50);
        log(
          `${String(concurrency).padStart(11)} | added p95, first message ${f(pct(byRound(true), 95))}, later ones ${f(pct(byRound(false), 95))}`,
        );
      }
      log(
        `${String(concurrency).padStart(11)} | ${String(web.length).padEnd(3)} | ${f(base50)}    | ${f(pct(ttfts, 50))}      | ${f(pct(ttfts, 95))} | ${f(pct(added, 50))}   | ${f(pct(added, 95))}   | ${f(pct(turns, 50))}        | ${f(pct(turns, 95))}`,
      );
    }
    log('added = web TTFT − the emulator TTFT a direct client measured (p50), in ms');

    // The floor: the same students at once, each making as many signed-in course API requests that read
    // nothing (GET /aula/me): what any course API request costs here at this concurrency, the turn included.
    const noop: number[] = [];
    await Promise.all(
      students.slice(0, CLASS).map(async (token) => {
        for (let r = 0; r < ROUNDS; r++) {
          const t0 = performance.now();
          const res = await fetch(`${stack.url}/aula/me`, { headers: { authorization: `Bearer ${token}` } });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`GET /aula/me: ${res.status}`);
          noop.push(performance.now() - t0);
        }
      }),
    );
    log(`course API no-op (GET /aula/me), ${CLASS} at once: p50 ${f(pct(noop, 50))}  p95 ${f(pct(noop, 95))} ms`);

    // The web's own floor: the same students at once, each sending as many tutor messages the site
    // refuses as soon as it has read them (no message text: 400, before the course API or the provider
    // is asked). What the site spends receiving a message at this concurrency, with nothing behind it.
    const refused: number[] = [];
    await Promise.all(
      students.slice(0, CLASS).map(async (token) => {
        for (let r = 0; r < ROUNDS; r++) {
          const t0 = performance.now();
          const res = await fetch(`${webUrl}/api/tutor/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ lessonId: lesson!.id }),
          });
          await res.arrayBuffer();
          if (res.status !== 400) throw new Error(`tutor, unreadable message: ${res.status}, not 400`);
          refused.push(performance.now() - t0);
        }
      }),
    );
    log(
      `site refusing an unreadable message, ${CLASS} at once: p50 ${f(pct(refused, 50))}  p95 ${f(pct(refused, 95))} ms`,
    );
    const one = measured.get(1)!;
    const all = measured.get(CLASS)!;
    const provider = (m: typeof one) => ({ label: `emulator TTFT p50, ${TTFT} ms set`, value: m.base50 });
    const note = smoke ? `${CLASS} students in this smoke run` : undefined;
    const [single, class95, class50, turn95, noop95, refused95] = TUTOR_FIGURES;
    return [
      {
        bench: 'tutor',
        figure: single,
        value: pct(one.added, 95),
        unit: 'ms',
        goal: { op: '≤', value: 30 },
        baseline: provider(one),
      },
      {
        bench: 'tutor',
        figure: class95,
        value: pct(all.added, 95),
        unit: 'ms',
        goal: { op: '≤', value: 100 },
        baseline: provider(all),
        note,
      },
      { bench: 'tutor', figure: class50, value: pct(all.added, 50), unit: 'ms', baseline: provider(all), note },
      {
        bench: 'tutor',
        figure: turn95,
        value: pct(all.turns, 95),
        unit: 'ms',
        note: "server-timing `turn`: the course API's share",
      },
      {
        bench: 'tutor',
        figure: noop95,
        value: pct(noop, 95),
        unit: 'ms',
        note: 'GET /aula/me, signed in, reads nothing: the floor of a course API request at this concurrency',
      },
      {
        bench: 'tutor',
        figure: refused95,
        value: pct(refused, 95),
        unit: 'ms',
        note: 'POST /api/tutor/messages without a message: 400 before the course API or the provider; the floor of the site',
      },
    ];
  } finally {
    await servers.stop();
  }
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { smoke: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const smoke = values.smoke === true;
  const rows = await runTutor({
    smoke,
    log: console.log,
    ...(positionals[0] ? { ttft: Number(positionals[0]) } : {}),
    ...(positionals[1] ? { rounds: Number(positionals[1]) } : {}),
  });
  printAlone(rows, smoke);
}
