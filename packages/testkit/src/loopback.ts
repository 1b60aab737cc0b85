import type { Server, Socket } from 'node:net';

export type Listening = { url: string; port: number; stop: () => Promise<void> };

/**
 * Puts a test server on a free 127.0.0.1 port. `stop` ends the connections still open (keep-alive,
 * streams a client left hanging) and closes it, so a test's teardown never waits on a client.
 */
export async function listenOnLoopback(server: Server): Promise<Listening> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('listenOnLoopback: the server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stop: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
