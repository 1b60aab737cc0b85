import type { TutorReply } from '@aula/domain';
import { createLlm, emulatorEnv, readLlmSettings } from '@aula/llm';
import { tutorInstructions } from '@aula/llm/prompts';
import { createTutorContext } from '@aula/llm/prompts/tutor-fixture';
import { type Emulator, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderMarkdown } from '../../../shared/markdown/render-markdown.ts';
import type { TutorEvent } from '../sse.ts';
import {
  type StartedAnswer,
  type StreamTutorAnswerDeps,
  startTutorAnswer,
  startTutorAnswerAhead,
  streamTutorAnswer,
} from './stream-tutor-answer.ts';

// The tutor's answer against the local provider emulator, speaking Groq's and Gemini's real wire
// formats: groq first, gemini as the fallback.

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const turn = {
  conversationId: '33333333-3333-4333-8333-333333333333',
  userMessageId: '44444444-4444-4444-8444-444444444444',
  history: [],
  context: createTutorContext(),
};

const llm = () =>
  createLlm(readLlmSettings(emulatorEnv(emu.url, { AULA_TUTOR_PROVIDER: 'groq', AULA_TUTOR_FALLBACKS: 'gemini' })));
const MESSAGE = '¿Qué es una variable?';

async function run({
  signal = new AbortController().signal,
  onToken,
  early,
}: {
  signal?: AbortSignal;
  onToken?: () => void;
  early?: StartedAnswer;
} = {}) {
  const events: TutorEvent[] = [];
  const replies: TutorReply[] = [];
  const deps: StreamTutorAnswerDeps = {
    llm: llm(),
    record: async (reply) => {
      replies.push(reply);
      return '55555555-5555-4555-8555-555555555555';
    },
    render: (markdown) => renderMarkdown(markdown).html,
    log: () => {},
  };
  await streamTutorAnswer({
    deps,
    turn,
    message: MESSAGE,
    signal,
    early,
    startedAt: performance.now(),
    send: (event) => {
      events.push(event);
      if (event.event === 'token') onToken?.();
    },
  });
  return { events, reply: replies[0], tokens: events.flatMap((e) => (e.event === 'token' ? [e.data.text] : [])) };
}

describe('streamTutorAnswer', () => {
  it('streams the answer token by token, then ends with the rendered answer; records who answered', async () => {
    emu.script('groq', { chunks: ['¿Qué ', 'guarda ', '[esto](#variables-y-nombres)?'], chunkDelayMs: 30 });
    const { events, reply, tokens } = await run();
    expect(events[0]).toEqual({ event: 'conversation', data: { conversationId: turn.conversationId } });
    expect(tokens).toEqual(['¿Qué ', 'guarda ', '[esto](#variables-y-nombres)?']);
    const end = events.at(-1);
    expect(end?.event).toBe('end');
    if (end?.event === 'end') {
      expect(end.data).toMatchObject({ provider: 'groq', model: 'llama-3.1-8b-instant' });
      expect(end.data.html).toContain('<a href="#variables-y-nombres">esto</a>');
    }
    expect(reply).toMatchObject({ content: '¿Qué guarda [esto](#variables-y-nombres)?', status: 'complete' });
    expect(reply).toMatchObject({ provider: 'groq', model: 'llama-3.1-8b-instant' });
    expect(reply!.tokensIn).toBeGreaterThan(100);
    expect(reply!.tokensOut).toBeGreaterThan(0);
    expect(reply!.ttftMs).toBeLessThanOrEqual(reply!.latencyMs!);
    expect(reply!.latencyMs).toBeGreaterThanOrEqual(60);
    const sent = emu.requests[0]?.body as { messages: { role: string; content: string }[]; stream: boolean };
    expect(sent.stream).toBe(true);
    expect(sent.messages[0]?.content).toContain('# Variables');
  });

  it('falls back to gemini when groq answers 429', async () => {
    emu.script('groq', { status: 429, retryAfter: 0 });
    emu.script('gemini', { chunks: ['Piensa ', 'en ', 'una caja.'] });
    const { events, reply, tokens } = await run();
    expect(tokens.join('')).toBe('Piensa en una caja.');
    expect(events.at(-1)).toMatchObject({ event: 'end', data: { provider: 'gemini' } });
    expect(reply).toMatchObject({ provider: 'gemini', status: 'complete' });
    expect(emu.requests.map((r) => r.route)).toEqual(['groq', 'gemini']);
  });

  it('says the tutor is unavailable when every provider fails with 500', async () => {
    emu.script('groq', { status: 500 });
    emu.script('gemini', { status: 500 });
    const { events, reply, tokens } = await run();
    expect(tokens).toEqual([]);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'unavailable' } });
    expect(reply).toMatchObject({ status: 'error', content: '' });
    expect(reply?.error).toMatch(/^unavailable: /);
  });

  it('a mid-stream disconnect ends with an error event; what came is kept', async () => {
    emu.script('groq', { chunks: ['Una ', 'variable ', 'es'], disconnectAfterChunks: 2 });
    const { events, reply, tokens } = await run();
    expect(tokens).toEqual(['Una ', 'variable ']);
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'unavailable' } });
    expect(reply).toMatchObject({ status: 'error', content: 'Una variable ', provider: 'groq' });
    expect(emu.requests).toHaveLength(1); // no fallback once tokens were sent
  });

  it('stop aborts the provider call; the partial answer is stored as stopped', async () => {
    emu.script('groq', { chunks: ['uno', ' dos', ' tres', ' cuatro', ' cinco'], chunkDelayMs: 100 });
    const controller = new AbortController();
    const { events, reply, tokens } = await run({ signal: controller.signal, onToken: () => controller.abort() });
    expect(tokens).toEqual(['uno']);
    expect(events.map((e) => e.event)).toEqual(['conversation', 'token']);
    expect(reply).toMatchObject({ status: 'stopped', content: 'uno' });
    await vi.waitFor(() => expect(emu.requests[0]?.closedEarly).toBe(true));
  });

  it('withdraws an answer that repeats its instructions', async () => {
    const leaked = tutorInstructions({ language: 'es', canary: 'AULA-whatever' });
    const words = `Claro, estas son mis instrucciones: ${leaked}`.match(/\s*\S+/g) ?? [];
    emu.script('groq', { chunks: words, chunkDelayMs: 2 });
    const { events, reply, tokens } = await run();
    expect(events.at(-1)).toMatchObject({ event: 'error', data: { code: 'withdrawn' } });
    expect(tokens.join('')).not.toContain('Start with a short guiding question or a hint');
    expect(reply).toMatchObject({ status: 'error', content: '' });
    await vi.waitFor(() => expect(emu.requests[0]?.closedEarly).toBe(true));
  });

  it('goes on with a call started before its turn when the turn asks the same: one provider call', async () => {
    emu.script('groq', { chunks: ['Una ', 'caja.'], delayMs: 100 });
    const early = startTutorAnswer({ llm: llm(), ask: { context: turn.context, history: [] }, message: MESSAGE });
    const { tokens, reply } = await run({ early });
    expect(tokens.join('')).toBe('Una caja.');
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]?.closedEarly).toBe(false);
    expect(reply?.status).toBe('complete');
  });

  it('drops a call started with another context than the turn says (a quiz submitted since): aborted unread', async () => {
    const stale = { ...turn.context, quiz: null };
    emu.script('groq', { chunks: ['lo ', 'viejo'], delayMs: 2_000 }, { chunks: ['lo ', 'nuevo'] });
    const early = startTutorAnswer({ llm: llm(), ask: { context: stale, history: [] }, message: MESSAGE });
    await vi.waitFor(() => expect(emu.requests).toHaveLength(1));
    const { tokens, reply } = await run({ early });
    expect(tokens.join('')).toBe('lo nuevo');
    expect(emu.requests).toHaveLength(2);
    await vi.waitFor(() => expect(emu.requests[0]?.closedEarly).toBe(true));
    const sent = emu.requests[1]?.body as { messages: { content: string }[] };
    expect(sent.messages[0]?.content).toContain('<<<QUIZ');
    // What the dropped call was sent counts too: the answer's input is more than its own prompt.
    expect(reply!.tokensIn).toBeGreaterThan(JSON.stringify(sent.messages).length / 4);
  });
  it('starts at most one call ahead of its turn per student: a burst of messages is not a burst of paid calls', async () => {
    emu.script('groq', { chunks: ['uno'], delayMs: 2_000 }, { chunks: ['dos'], delayMs: 2_000 }, { chunks: ['tres'] });
    const ask = { context: turn.context, history: [] };
    const first = startTutorAnswerAhead({ who: 'token-a', llm: llm(), ask, message: MESSAGE });
    const again = startTutorAnswerAhead({ who: 'token-a', llm: llm(), ask, message: MESSAGE });
    const other = startTutorAnswerAhead({ who: 'token-b', llm: llm(), ask, message: MESSAGE });
    expect(first).toBeDefined();
    expect(again).toBeUndefined();
    expect(other).toBeDefined();
    await vi.waitFor(() => expect(emu.requests).toHaveLength(2));
    // Refused turns abort their calls: then the student may have one ahead again.
    first!.abort();
    other!.abort();
    await Promise.allSettled([first!.stream.result, other!.stream.result]);
    const later = startTutorAnswerAhead({ who: 'token-a', llm: llm(), ask, message: MESSAGE });
    expect(later).toBeDefined();
    later!.abort();
    await later!.stream.result.catch(() => {});
  });
});
