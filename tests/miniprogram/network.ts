import { createServer, type Socket } from 'node:net';

/**
 * An API host on a network that drops everything: every connection is reset as soon as it opens, so
 * each request fails the way it does on a dead mobile connection (no HTTP status at all). Counts the
 * attempts so a test can tell that the page really tried.
 */
export interface UnreachableApi {
  url: string;
  attempts(): number;
  close(): Promise<void>;
}

export async function unreachableApi(): Promise<UnreachableApi> {
  let attempts = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    attempts += 1;
    sockets.add(socket);
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('unreachableApi: no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
