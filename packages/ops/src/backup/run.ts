import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import type { Readable, Writable } from 'node:stream';

/** What a program was asked to do when it failed, for plain-word errors. */
export class ProgramError extends Error {
  readonly output: string;
  constructor(message: string, output: string) {
    super(message);
    this.output = output;
  }
}

export type RunOptions = {
  env?: Record<string, string | undefined>;
  signal?: AbortSignal | undefined;
  /** Where stdout goes: a file path, a stream, or kept and returned (the default). */
  stdout?: string | Writable;
  stdin?: NodeJS.ReadableStream;
};

/** The last lines of a program's error output, enough to say why it failed. */
const tail = (text: string) => text.trim().split('\n').slice(-6).join('\n');

/**
 * Runs a program to its end. Rejects with its error output when it exits non-zero, and kills it
 * (SIGTERM, then SIGKILL) when `signal` aborts, rejecting with an AbortError.
 */
export function runProgram(file: string, args: string[], options: RunOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const child = spawn(file, args, {
      env: { ...process.env, LC_ALL: 'C', ...options.env },
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    }) as ChildProcessByStdio<Writable | null, Readable, Readable>;
    let stdout = '';
    let stderr = '';
    let settled = false;
    let sink: Writable | undefined;
    let sinkError: Error | undefined;
    const done = (error: Error | undefined, value = '') => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(value);
    };
    const onAbort = () => {
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGKILL'), 5_000).unref();
      done(abortError());
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.stdin && child.stdin) {
      options.stdin.pipe(child.stdin);
      child.stdin.on('error', () => {}); // the program may stop reading early; its exit code says why
    }
    if (typeof options.stdout === 'string') sink = createWriteStream(options.stdout, { flags: 'wx' });
    else if (options.stdout) sink = options.stdout;
    if (sink) {
      sink.once('error', (error) => {
        sinkError = error;
        child.kill('SIGTERM');
      });
      child.stdout.pipe(sink);
    } else child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-16_000);
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      done(
        error.code === 'ENOENT'
          ? new ProgramError(`${file} was not found`, '')
          : new ProgramError(`${file} could not start: ${error.message}`, ''),
      ),
    );
    child.once('close', (code, signal) => {
      const finish = () => {
        if (sinkError) return done(sinkError);
        if (code === 0) return done(undefined, stdout);
        const why = signal ? `was stopped by ${signal}` : `exited with ${code}`;
        done(new ProgramError(`${file.split('/').pop()} ${why}: ${tail(stderr) || '(no output)'}`, stderr));
      };
      // A file sink is complete only once its stream has flushed and closed.
      if (sink && typeof options.stdout === 'string' && !sinkError)
        sink.end(() => {
          finish();
        });
      else finish();
    });
  });
}

export function abortError(): Error {
  const error = new Error('stopped before it finished');
  error.name = 'AbortError';
  return error;
}

export const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';
export const isDiskFull = (error: unknown) =>
  (error as NodeJS.ErrnoException)?.code === 'ENOSPC' || /No space left on device/i.test(String(error));
