import { type SMTPServer as Server, SMTPServer } from 'smtp-server';

/** One message as it arrived: envelope recipients and the raw RFC 5322 text. */
export type ReceivedMail = { to: string[]; raw: string; text: string };

export type SmtpSink = {
  host: string;
  port: number;
  messages: ReceivedMail[];
  /** Resolves with the first message to `address` (now or later); rejects after `timeoutMs`. */
  waitFor: (address: string, timeoutMs?: number) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
};

/** Quoted-printable soft breaks and escapes undone, so links can be read from the body. */
function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/**
 * A mail server on 127.0.0.1 that accepts every message (plain SMTP, no auth, no TLS) and keeps it,
 * for tests of what an application sends: the real wire, nothing delivered anywhere.
 */
export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: ReceivedMail[] = [];
  const waiters: { address: string; resolve: (m: ReceivedMail) => void }[] = [];
  const server: Server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, done) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => (raw += chunk));
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
        const mail = { to, raw, text: decodeQuotedPrintable(raw) };
        messages.push(mail);
        for (const w of [...waiters]) {
          if (to.includes(w.address)) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(mail);
          }
        }
        done();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    host: '127.0.0.1',
    port,
    messages,
    waitFor: (to, timeoutMs = 15_000) => {
      const address = to.toLowerCase();
      const found = messages.find((m) => m.to.includes(address));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no mail to ${to} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          address,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
