import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerBrowserUse, type BrowserUseState } from './browser-use-wire.ts';
import { answerControl, CONTROL_PREFIX } from './emulator-control.ts';
import { answerGemini, geminiNotFound } from './gemini-wire.ts';
import { answerImages, refuseImagesRequest } from './images-wire.ts';
import { listenOnLoopback } from './loopback.ts';
import { answerChat } from './openai-wire.ts';
import { sendJson } from './respond.ts';
import { refuseChatRequest, refuseGeminiRequest } from './schema-rules.ts';
import { answerWeb } from './static-web.ts';
import type { Emulator, EmulatorRoute, EmulatorStep, RecordedRequest, RouteMatcher } from './types.ts';

type Script = { matcher: RouteMatcher; steps: EmulatorStep[] };

const CHAT_PATHS: Record<string, 'openai' | 'openrouter' | 'groq'> = {
  '/v1/chat/completions': 'openai',
  '/api/v1/chat/completions': 'openrouter',
  '/openai/v1/chat/completions': 'groq',
};
/** OpenAI's image generation (also what OpenAI-compatible local servers expose). */
const IMAGES_PATH = '/v1/images/generations';
const GEMINI_PATH = /^\/(v1|v1beta|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent)$/;

/** One local server that speaks OpenAI (chat and images), OpenRouter, Groq, Gemini, Browser Use (v2) and a tiny static web. */
export async function startProviderEmulator(): Promise<Emulator> {
  let requests: RecordedRequest[] = [];
  let scripts: Script[] = [];
  let browserUse: BrowserUseState = { tasks: new Map(), n: 0 };
  let n = 0;

  const takeStep = (route: EmulatorRoute, model: string | undefined, body?: unknown) => {
    const script = scripts.find((s) => s.steps.length > 0 && matches(s.matcher, route, model, body));
    return script?.steps.shift();
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    if (url.pathname.startsWith(CONTROL_PREFIX)) return answerControl(emulator, req, res, url.pathname, body);
    const record = describe(req, url, body);
    requests.push(record);
    res.on('close', () => {
      const cutByUs = (res as ServerResponse & { emulatorCut?: boolean }).emulatorCut;
      if (!res.writableFinished && !cutByUs) record.closedEarly = true;
    });
    n += 1;
    const path = url.pathname;
    const chatRoute = CHAT_PATHS[path];
    if (chatRoute && req.method === 'POST') {
      // A request the real provider refuses is refused before any script is consulted.
      const refusal = refuseChatRequest(chatRoute, (body ?? {}) as object);
      if (refusal) return sendJson(res, refusal.status, refusal.body);
      const step = takeStep(chatRoute, record.model, body);
      return answerChat({ res, body: (body ?? {}) as object, route: chatRoute, n }, step);
    }
    if (path === IMAGES_PATH && req.method === 'POST') {
      const images = (body ?? {}) as object;
      const refusal = refuseImagesRequest(images);
      if (refusal) return sendJson(res, refusal.status, refusal.body);
      return answerImages(res, images, n, takeStep('openai-images', record.model, body));
    }
    const gemini = GEMINI_PATH.exec(path);
    if (gemini && req.method === 'POST') {
      const model = gemini[2] ?? '';
      const stream = gemini[3] === 'streamGenerateContent';
      const refusal = refuseGeminiRequest((body ?? {}) as object);
      if (refusal) return sendJson(res, refusal.status, refusal.body);
      return answerGemini({ res, body: (body ?? {}) as object, model, stream, n }, takeStep('gemini', model, body));
    }
    if (path.startsWith('/v1beta/') || path.startsWith('/v1/models/')) return sendJson(res, 404, geminiNotFound(path));
    if (path.startsWith('/api/v2/')) {
      const rest = path.slice('/api/v2/'.length).split('/').filter(Boolean);
      const creating = req.method === 'POST' && rest.join('/') === 'tasks';
      const step = creating ? takeStep('browser-use', undefined) : undefined;
      return answerBrowserUse(browserUse, res, req.method ?? 'GET', rest, body, step);
    }
    if (path.startsWith('/web/')) {
      const [, , kind = '', ...rest] = path.split('/');
      return answerWeb(res, kind, rest.join('/'), url.searchParams);
    }
    sendJson(res, 404, { error: { message: `Unknown path ${path}`, type: 'invalid_request_error', code: null } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error', code: null } });
      else res.destroy();
    });
  });
  const listening = await listenOnLoopback(server);

  const emulator: Emulator = {
    url: listening.url,
    get requests() {
      return requests;
    },
    script(matcher, ...steps) {
      scripts.push({ matcher, steps: [...steps] });
    },
    pendingSteps: () => scripts.reduce((sum, s) => sum + s.steps.length, 0),
    reset() {
      requests = [];
      scripts = [];
      browserUse = { tasks: new Map(), n: 0 };
    },
    stop: listening.stop,
  };
  return emulator;
}

function matches(matcher: RouteMatcher, route: EmulatorRoute, model: string | undefined, body?: unknown): boolean {
  if (typeof matcher === 'string') return matcher === route;
  if (matcher.route && matcher.route !== route) return false;
  if (model === undefined) return false;
  if (matcher.body && !matcher.body.test(JSON.stringify(body ?? null))) return false;
  return typeof matcher.model === 'string' ? matcher.model === model : matcher.model.test(model);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(req: IncomingMessage, url: URL, body: unknown): RecordedRequest {
  const path = url.pathname;
  const gemini = GEMINI_PATH.exec(path);
  const chat = CHAT_PATHS[path];
  const route: RecordedRequest['route'] =
    chat ??
    (path === IMAGES_PATH ? 'openai-images' : undefined) ??
    (gemini ? 'gemini' : path.startsWith('/api/v2/') ? 'browser-use' : path.startsWith('/web/') ? 'web' : 'unknown');
  const obj = body && typeof body === 'object' ? (body as { model?: unknown; stream?: unknown }) : {};
  const model = gemini ? gemini[2] : typeof obj.model === 'string' ? obj.model : undefined;
  return {
    method: req.method ?? 'GET',
    path,
    query: Object.fromEntries(url.searchParams),
    headers: req.headers,
    body,
    route,
    ...(model === undefined ? {} : { model }),
    stream: gemini ? gemini[3] === 'streamGenerateContent' : obj.stream === true,
    closedEarly: false,
    receivedAt: Date.now(),
  };
}
