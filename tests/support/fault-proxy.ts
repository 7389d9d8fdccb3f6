/**
 * A TCP proxy in front of a test's dependency (PostgreSQL, the S3 server), to make it fail on demand: `freeze()` holds
 * every byte both ways (a stalled server: connections open, nothing answers), `stop()` drops every connection and
 * every new one (a server that is down), `resume()` makes it the plain proxy again, releasing what it held.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  port: number;
  freeze(): void;
  stop(): void;
  resume(): void;
  close(): Promise<void>;
}

export async function startFaultProxy(targetPort: number): Promise<FaultProxy> {
  let state: 'passing' | 'frozen' | 'down' = 'passing';
  const pairs = new Set<{ client: Socket; upstream: Socket; held: [Socket, Buffer][] }>();
  const server = createServer((client) => {
    if (state === 'down') return void client.destroy();
    const upstream = connect(targetPort, '127.0.0.1');
    const pair = { client, upstream, held: [] as [Socket, Buffer][] };
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) => {
      from.on('data', (data) => (state === 'passing' ? to.write(data) : pair.held.push([to, data])));
      from.on('end', () => to.end());
      from.on('error', () => to.destroy());
      from.on('close', () => {
        to.destroy();
        pairs.delete(pair);
      });
    };
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const dropAll = () => pairs.forEach(({ client, upstream }) => [client, upstream].forEach((s) => s.destroy()));
  return {
    port: (server.address() as AddressInfo).port,
    freeze: () => void (state = 'frozen'),
    stop() {
      state = 'down';
      dropAll();
    },
    resume() {
      state = 'passing';
      for (const pair of pairs) for (const [to, data] of pair.held.splice(0)) to.write(data);
    },
    async close() {
      dropAll();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
