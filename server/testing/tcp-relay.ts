// A loopback TCP relay between a server under test and its PostgreSQL server, so a test can cut
// the database off the way a network or a restart does, and bring it back.
import { createConnection, createServer, type Socket } from 'node:net';

export interface TcpRelay {
  /** `url` (a postgres:// URL of the relayed server) pointing at the relay instead. */
  relayed(url: string): string;
  /** Resets every open connection and refuses new ones: a server that went away. */
  sever(): void;
  /**
   * Keeps connections open but forwards nothing, in either direction: a network that silently
   * drops packets. Only timeouts notice it.
   */
  blackhole(): void;
  /** Forwards again; connections a blackhole held are reset, as TCP would time them out. */
  restore(): void;
  close(): Promise<void>;
}

type Mode = 'forward' | 'severed' | 'blackhole';

export async function startTcpRelay(target: { host: string; port: number }): Promise<TcpRelay> {
  let mode: Mode = 'forward';
  const pairs = new Set<[Socket, Socket]>();
  const reset = (pair: [Socket, Socket]) => {
    for (const socket of pair) socket.resetAndDestroy();
    pairs.delete(pair);
  };

  const server = createServer((client) => {
    if (mode === 'severed') {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection(target);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk) => {
        if (mode === 'forward') to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    for (const socket of pair) {
      socket.on('error', () => reset(pair));
      socket.on('close', () => reset(pair));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('relay has no port');

  return {
    relayed(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(address.port);
      return parsed.href;
    },
    sever() {
      mode = 'severed';
      for (const pair of [...pairs]) reset(pair);
    },
    blackhole() {
      mode = 'blackhole';
    },
    restore() {
      if (mode === 'blackhole') for (const pair of [...pairs]) reset(pair);
      mode = 'forward';
    },
    close() {
      for (const pair of [...pairs]) reset(pair);
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
