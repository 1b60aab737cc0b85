/**
 * A test's hands on one host of the multi-host test: it runs inside that host's network namespace and
 * answers requests (one JSON object per line on stdin, one answer per line on stdout) — fetch a URL,
 * open a TCP connection, PING a Redis — so the test, which stays in the machine's own namespace, sees
 * the network exactly as that host does.
 *
 * `--internet <address>` also makes it the outside world: the provider emulator and the Chatwoot and
 * Telegram emulator, reachable on <address>:8090 and :8091. The provider's port counts the requests
 * (and the lesson requests) that arrive from each address: which worker host asked.
 */
import { connect, createServer, type Socket } from 'node:net';
import { createInterface } from 'node:readline';
import { outlineOf, startChatEmulator, startProviderEmulator } from '@aula/testkit';
import { startTelegramBotEmulator } from '@aula/testkit/telegram-bot';

type Request = { id: number; op: string; [key: string]: unknown };

const args = process.argv.slice(2);
const internet = args[0] === '--internet' ? args[1] : undefined;
const requestsFrom = new Map<string, number>();
/** Requests for a lesson (the lesson prompt's words) per client address: which host is writing lessons. */
const lessonsFrom = new Map<string, number>();

/** address:port → 127.0.0.1:target, counting HTTP request lines per client address. */
function forward(address: string, port: number, target: number, count: boolean): Promise<void> {
  const server = createServer((client: Socket) => {
    const from = client.remoteAddress?.replace(/^::ffff:/, '') ?? '?';
    const upstream = connect({ host: '127.0.0.1', port: target });
    client.on('data', (chunk) => {
      if (count) {
        const lines = chunk.toString('latin1').match(/^(GET|POST|PUT|PATCH|DELETE) \S+ HTTP\/1\.1\r$/gm);
        if (lines) requestsFrom.set(from, (requestsFrom.get(from) ?? 0) + lines.length);
        if (chunk.includes('write one lesson')) lessonsFrom.set(from, (lessonsFrom.get(from) ?? 0) + 1);
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('end', () => upstream.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  return new Promise((resolve) => server.listen(port, address, resolve));
}

const world = internet
  ? await (async () => {
      const provider = await startProviderEmulator();
      const chat = await startChatEmulator({
        chatwootToken: process.env.CHATWOOT_TOKEN ?? '',
        telegramToken: process.env.TELEGRAM_TOKEN ?? '',
      });
      await forward(internet, 8090, Number(new URL(provider.url).port), true);
      await forward(internet, 8091, Number(new URL(chat.url).port), false);
      // The ops agent's bot (getUpdates + sendMessage) on :8092.
      const bot = await startTelegramBotEmulator(process.env.OPS_BOT_TOKEN || undefined);
      await forward(internet, 8092, Number(new URL(bot.url).port), false);
      return { provider, chat, bot };
    })()
  : undefined;

function tcp(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(3_000, () => done('timeout'));
    socket.once('connect', () => done('open'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}

function redisPing(host: string, port: number, password: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    let received = '';
    const done = (result: string) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(3_000, () => done('timeout'));
    socket.once('error', (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
    socket.once('connect', () => socket.write(`AUTH ${JSON.stringify(password)}\r\nPING\r\n`));
    socket.on('data', (d) => {
      received += d.toString();
      if (received.includes('+PONG')) done('PONG');
      else if (received.startsWith('-')) done(received.trim());
    });
  });
}

async function answer(request: Request): Promise<unknown> {
  switch (request.op) {
    case 'fetch': {
      const res = await fetch(request.url as string, {
        method: (request.method as string) ?? 'GET',
        headers: (request.headers as Record<string, string>) ?? {},
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        signal: AbortSignal.timeout(30_000),
      });
      return { status: res.status, text: await res.text() };
    }
    case 'tcp':
      return tcp(request.host as string, request.port as number);
    case 'redis':
      return redisPing(request.host as string, request.port as number, request.password as string);
    case 'slow-lessons': {
      // A course of `lessons` lessons whose every lesson takes `delayMs` to write: long enough to kill a host mid-run.
      const lessons = request.lessons as number;
      world?.provider.script({ model: 'gpt-4o-mini' }, { json: outlineOf(lessons) });
      for (let i = 0; i < lessons; i++)
        world?.provider.script(
          { model: 'gpt-4o-mini', body: /write one lesson/ },
          { delayMs: request.delayMs as number },
        );
      return true;
    }
    case 'requests-from':
      return { requests: Object.fromEntries(requestsFrom), lessons: Object.fromEntries(lessonsFrom) };
    case 'chat':
      return world?.chat.requests ?? [];
    case 'model-answers':
      // The next structured answers of a model (the ops agent's GPT-OSS), as the provider gives them.
      for (const json of request.answers as unknown[])
        world?.provider.script({ model: request.model as string }, { json });
      return true;
    case 'telegram-say':
      world?.bot.say(request.user as number, request.text as string);
      return true;
    case 'telegram-sent':
      return world?.bot.sent ?? [];
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const request = JSON.parse(line) as Request;
  answer(request).then(
    (result) => process.stdout.write(`${JSON.stringify({ id: request.id, result })}\n`),
    (error: Error) => process.stdout.write(`${JSON.stringify({ id: request.id, error: error.message })}\n`),
  );
});
lines.on('close', () => process.exit(0));
process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
