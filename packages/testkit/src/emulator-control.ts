import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './respond.ts';
import type { EmulatorStep, RecordedRequest, RouteMatcher } from './types.ts';

/** A RegExp on the wire: `{ regex, flags }`. */
type WireRegExp = { regex: string; flags: string };
type WireMatcher = string | { route?: string; model: string | WireRegExp; body?: WireRegExp };

const toWire = (value: string | RegExp): string | WireRegExp =>
  typeof value === 'string' ? value : { regex: value.source, flags: value.flags };
const fromWire = (value: string | WireRegExp): string | RegExp =>
  typeof value === 'string' ? value : new RegExp(value.regex, value.flags);

export const CONTROL_PREFIX = '/__emulator/';

type Target = {
  script(matcher: RouteMatcher, ...steps: EmulatorStep[]): void;
  reset(): void;
  readonly requests: RecordedRequest[];
};

/**
 * The emulator's control routes, for tests in another process than the one that started it (a
 * vitest globalSetup): POST script, POST reset, GET requests.
 */
export function answerControl(target: Target, req: IncomingMessage, res: ServerResponse, path: string, body: unknown) {
  const action = path.slice(CONTROL_PREFIX.length);
  if (req.method === 'POST' && action === 'script') {
    const { matcher, steps } = body as { matcher: WireMatcher; steps: EmulatorStep[] };
    const parsed: RouteMatcher =
      typeof matcher === 'string'
        ? (matcher as RouteMatcher)
        : {
            ...(matcher.route ? { route: matcher.route as Exclude<RouteMatcher, object> } : {}),
            model: fromWire(matcher.model),
            ...(matcher.body ? { body: fromWire(matcher.body) as RegExp } : {}),
          };
    target.script(parsed, ...steps);
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === 'POST' && action === 'reset') {
    target.reset();
    return sendJson(res, 200, { ok: true });
  }
  if (req.method === 'GET' && action === 'requests') return sendJson(res, 200, target.requests);
  sendJson(res, 404, { error: `no control route ${req.method} ${path}` });
}

/** A remote handle on an emulator started elsewhere (see answerControl). */
export type EmulatorClient = {
  url: string;
  script(matcher: RouteMatcher, ...steps: EmulatorStep[]): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  reset(): Promise<void>;
};

export function connectEmulator(url: string): EmulatorClient {
  const call = async (method: string, action: string, body?: unknown) => {
    const res = await fetch(`${url}${CONTROL_PREFIX}${action}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`emulator ${action}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    url,
    async script(matcher, ...steps) {
      const wire: WireMatcher =
        typeof matcher === 'string'
          ? matcher
          : {
              ...(matcher.route ? { route: matcher.route } : {}),
              model: toWire(matcher.model),
              ...(matcher.body ? { body: toWire(matcher.body) as WireRegExp } : {}),
            };
      await call('POST', 'script', { matcher: wire, steps });
    },
    requests: () => call('GET', 'requests') as Promise<RecordedRequest[]>,
    async reset() {
      await call('POST', 'reset');
    },
  };
}
