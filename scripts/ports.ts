import { createServer } from 'node:net';

/** Fails with a message naming the variable to change when something already listens on `port`. */
export function ensurePortFree(host: string, port: number, variable: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', () =>
      reject(
        new Error(`port ${port} on ${host} is already in use; stop what uses it or set ${variable} to another port`),
      ),
    );
    server.listen(port, host, () => server.close(() => resolve()));
  });
}
