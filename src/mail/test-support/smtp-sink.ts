/**
 * A real SMTP server on loopback (smtp-server) that keeps what it receives,
 * parsed by a real MIME parser (mailparser), and can misbehave on demand:
 * refuse a recipient for good (5xx), refuse for a while (4xx), answer slowly.
 */
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Received {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
}

export interface SinkBehaviour {
  /** Recipients refused with 550 at RCPT TO. */
  refuse?: Set<string>;
  /** Recipient → how many more times to answer 451 (then accept). */
  tempFail?: Map<string, number>;
  /** Milliseconds to wait before the greeting (a slow or stuck server). */
  greetingDelayMs?: number;
}

export class SmtpSink {
  readonly received: Received[] = [];
  behaviour: SinkBehaviour = {};
  private server: SMTPServer | undefined;
  port = 0;

  /** Starts listening on 127.0.0.1 (port 0: any free one; or the given one, to come back after stop()). */
  async start(port = 0): Promise<this> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onConnect: (_session, callback) => {
        const delay = this.behaviour.greetingDelayMs ?? 0;
        if (delay) void sleep(delay).then(() => callback());
        else callback();
      },
      onRcptTo: (address, _session, callback) => {
        const to = address.address.toLowerCase();
        if (this.behaviour.refuse?.has(to)) return callback(Object.assign(new Error('5.1.1 No such mailbox here'), { responseCode: 550 }));
        const left = this.behaviour.tempFail?.get(to) ?? 0;
        if (left > 0) {
          this.behaviour.tempFail!.set(to, left - 1);
          return callback(Object.assign(new Error('4.2.0 Mailbox busy, try later'), { responseCode: 451 }));
        }
        callback();
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          simpleParser(raw).then(
            (parsed) => {
              this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
              callback();
            },
            (error: Error) => callback(error),
          );
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Stops listening (SMTP down); start(this.port) brings it back. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): Received[] {
    return this.received.filter((r) => r.envelopeTo.includes(address));
  }
}

/** The first http(s) link of an e-mail's plain text that starts with `prefix`. */
export function linkIn(text: string, prefix: string): string {
  const found = text.split(/\s+/).find((w) => w.startsWith(prefix));
  if (!found) throw new Error(`No link starting with ${prefix} in:\n${text}`);
  return found;
}

/** A header exactly as it arrived (unfolded), not as mailparser interprets it (it turns List-* into objects). */
export function rawHeader(mail: Received, name: string): string | undefined {
  const line = mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line;
  return line?.replace(/\r?\n[ \t]+/g, ' ').slice(name.length + 1).trim();
}
