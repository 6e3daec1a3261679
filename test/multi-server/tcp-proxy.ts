import { type Server, type Socket, createConnection, createServer } from 'node:net';

/** One client connection through the proxy and its upstream half. */
interface Pair {
  client: Socket;
  upstream: Socket | undefined;
  /** Bytes held back while partitioned, delivered on heal (as TCP would retransmit them). */
  toUpstream: Buffer[];
  toClient: Buffer[];
}

/**
 * A TCP proxy between atoz and PostgreSQL that a test can cut and restore,
 * to play a database restart or network outage without touching the
 * machine's real PostgreSQL server.
 *
 * Two kinds of outage: `cut()` resets every connection and refuses new ones
 * (a restart: the client hears about it at once); `partition()` keeps every
 * connection open but stops forwarding a byte in either direction, and
 * accepts new connections without answering (a silent network cut: the
 * client hears nothing, so only its own timeouts can save it).
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<Pair>();
  private partitioned = false;
  port = 0;
  /** Client connections closed while partitioned (each one a client giving up on a silent server). */
  closedDuringPartition = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Client connections open right now. */
  get openConnections(): number {
    return this.pairs.size;
  }

  /** Starts listening (on a free port the first time, then on the same one). */
  async start(): Promise<number> {
    const server = createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
    return this.port;
  }

  private accept(client: Socket): void {
    const pair: Pair = { client, upstream: undefined, toUpstream: [], toClient: [] };
    this.pairs.add(pair);
    client.on('error', () => {});
    client.on('data', (chunk: Buffer) => (this.partitioned || !pair.upstream ? pair.toUpstream.push(chunk) : pair.upstream.write(chunk)));
    client.on('close', () => {
      if (this.partitioned) this.closedDuringPartition++;
      this.pairs.delete(pair);
      pair.upstream?.destroy();
    });
    if (!this.partitioned) this.connectUpstream(pair);
  }

  private connectUpstream(pair: Pair): void {
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    pair.upstream = upstream;
    upstream.on('error', () => {});
    upstream.on('data', (chunk: Buffer) => (this.partitioned ? pair.toClient.push(chunk) : pair.client.write(chunk)));
    upstream.on('close', () => pair.client.destroy());
    this.flush(pair);
  }

  private flush(pair: Pair): void {
    for (const chunk of pair.toUpstream.splice(0)) pair.upstream!.write(chunk);
    for (const chunk of pair.toClient.splice(0)) pair.client.write(chunk);
  }

  /** The outage: every open connection is reset and new ones are refused. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const pair of this.pairs) {
      pair.client.resetAndDestroy();
      pair.upstream?.resetAndDestroy();
    }
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The database is back, on the same address. */
  async restore(): Promise<void> {
    await this.start();
  }

  /** A silent network cut: nothing is closed, nothing gets through. */
  partition(): void {
    this.partitioned = true;
    this.closedDuringPartition = 0;
  }

  /** The network is back: what was held back is delivered, and waiting connections reach the server. */
  heal(): void {
    this.partitioned = false;
    for (const pair of this.pairs) {
      if (pair.upstream) this.flush(pair);
      else this.connectUpstream(pair);
    }
  }

  async close(): Promise<void> {
    this.partitioned = false;
    await this.cut();
  }
}

/** The URL of `url`'s database reached through the proxy. */
export function throughProxy(url: string, proxy: TcpProxy): string {
  const u = new URL(url);
  u.hostname = '127.0.0.1';
  u.port = String(proxy.port);
  return u.toString();
}
