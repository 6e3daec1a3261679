import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Role } from '../../src/accounts/context.js';
import { SessionClient, csrfFrom, seedUser } from '../../src/accounts/test-support/session-client.js';
import type { Db } from '../../src/db/database.js';
import { packageRoot } from '../../src/web/package-root.js';
import { type ServerProcess, startServer } from '../multi-server/server-process.js';
import { declareInterests } from '../../src/editing/test-support/fixtures.js';
import { editorForm, unescape, textarea, inputValue, field } from '../../src/editing/test-support/form-html.js';

// The fault suite drives the real server (a child process, as `npm start`
// runs it) the way editors do: signed-in sessions, the editor form, 303 for
// a save that was stored. A save counts as acknowledged only when the editor
// saw that 303; everything acknowledged must survive whatever happens next.

/** A running atoz that can be killed without warning and started again on the same data. */
export class AtozUnderTest {
  private server: ServerProcess | undefined;
  /** Everything every run of the server printed, for failure messages and log checks. */
  private printedBefore = '';

  constructor(private readonly env: Record<string, string>) {}

  get url(): string {
    if (!this.server) throw new Error('atoz is not running');
    return this.server.url;
  }

  /** Everything printed by this server so far, across restarts. */
  output(): string {
    return this.printedBefore + (this.server?.output() ?? '');
  }

  /** Starts it; resolves to the milliseconds until it said it was serving. */
  async start(): Promise<number> {
    const started = performance.now();
    this.server = await startServer({ ATOZ_WORKER: '0', ...this.env }, 90_000);
    return Math.round(performance.now() - started);
  }

  /** kill -9: no shutdown, no flush, no goodbye. */
  async kill(): Promise<void> {
    const server = this.server;
    if (!server || server.process.exitCode !== null) return;
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGKILL');
    await exited;
    this.printedBefore += server.output();
    this.server = undefined;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    await server.stop();
    this.printedBefore += server.output();
    this.server = undefined;
  }

  /** A client for in-flight requests that follows this server across restarts (new port each time). */
  requester(): { request(path: string, init?: RequestInit): Promise<Response> } {
    return { request: (path, init) => fetch(this.url + path, { ...init, signal: AbortSignal.timeout(60_000) }) };
  }
}

/** A signed-in person on `atoz`, with a session made directly in its database. */
export async function signedIn(atoz: AtozUnderTest, db: Db, role: Role, name: string): Promise<SessionClient> {
  const user = await seedUser(db, role, { name });
  return SessionClient.signedInAs(atoz.requester(), db, user.id);
}


export { editorForm };

export function bodyOf(html: string): string {
  return textarea(html, 'f-body');
}

/** One save an editor sent: its marker (a unique phrase in the text) and the answer. */
export interface SaveAttempt {
  marker: string;
  /** HTTP status, or 'no answer' when the connection failed (the server died mid-request). */
  status: number | 'no answer';
  /** When the answer came (Date.now()). */
  at: number;
}

/**
 * Editors saving at the same time, each on their own page, each save with
 * a unique marker phrase, as fast as the server answers, until stopped.
 * A save that gets no answer is recorded as such: it may or may not be
 * stored, but nobody was told it was.
 */
export class ConcurrentEditors {
  readonly attempts: SaveAttempt[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly label: string,
    private readonly editors: Array<{ client: SessionClient; slug: string }>,
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.editors.map((editor, i) => this.loop(editor, i + 1));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  acknowledged(): string[] {
    return this.attempts.filter((a) => a.status === 303).map((a) => a.marker);
  }

  /** When the first save after `since` was acknowledged (waits up to `ms`); -1 if none. */
  async firstAcknowledgedAfter(since: number, ms = 60_000): Promise<number> {
    const found = () => this.attempts.find((a) => a.status === 303 && a.at > since);
    const started = Date.now();
    while (!found() && Date.now() - started < ms) await sleep(20);
    return found()?.at ?? -1;
  }

  /** Resolves once `count` saves have been acknowledged in all (or rejects after `ms`). */
  async untilAcknowledged(count: number, ms = 90_000): Promise<void> {
    const started = Date.now();
    while (this.acknowledged().length < count) {
      if (Date.now() - started > ms) throw new Error(`only ${this.acknowledged().length} of ${count} saves acknowledged in ${ms} ms: ${JSON.stringify(this.statusCounts())}`);
      await sleep(20);
    }
  }

  /** How many answers of each status, optionally only those answered in [from, to). */
  statusCounts(from = 0, to = Number.POSITIVE_INFINITY): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const a of this.attempts) if (a.at >= from && a.at < to) counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
    return counts;
  }

  private async loop(editor: { client: SessionClient; slug: string }, number: number): Promise<void> {
    let original: string | undefined;
    for (let n = 1; this.running; n++) {
      let html: string;
      try {
        const page = await editor.client.get(`/edit/${editor.slug}`);
        html = await page.text();
        if (page.status !== 200) {
          await sleep(100);
          continue;
        }
      } catch {
        await sleep(100);
        continue;
      }
      original ??= bodyOf(html);
      const marker = `fault-${this.label}-e${number}-n${n}`;
      try {
        const res = await editor.client.post(`/edit/${editor.slug}`, editorForm(html, { body: `${original}\n\nSaved words ${marker}.\n` }), csrfFrom(html));
        await res.arrayBuffer();
        this.attempts.push({ marker, status: res.status, at: Date.now() });
        if (res.status === 429) await sleep(1000);
        else if (res.status !== 303) await sleep(100);
      } catch {
        this.attempts.push({ marker, status: 'no answer', at: Date.now() });
        await sleep(100);
      }
    }
  }
}

/**
 * One page taken through save → review → publish again and again, each
 * round with a numbered phrase, so the reader page after a fault can be
 * checked against the last publish that was acknowledged.
 */
export class RepeatedPublisher {
  lastAcknowledged = 0;
  lastAttempted = 0;
  /** Why the newest round failed, so a test waiting for publishes can say it. */
  lastFailure: string | undefined;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly editor: SessionClient,
    private readonly reviewer: SessionClient,
    readonly slug: string,
    private readonly db: Db,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The number in the reader page's "Published words N." phrase, or 0. */
  /** Waits until this many publishes were acknowledged, or says why not after a while. */
  async untilAcknowledged(count: number, withinMs = 60_000): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (this.lastAcknowledged < count) {
      if (Date.now() > deadline) throw new Error(`only ${this.lastAcknowledged} of ${count} publishes acknowledged; the last failure: ${this.lastFailure ?? 'none'}`);
      await sleep(20);
    }
  }

  static shownNumber(readerHtml: string): number {
    return Number(/Published words (\d+)\./.exec(readerHtml)?.[1] ?? 0);
  }

  private async run(): Promise<void> {
    let original: string | undefined;
    for (let n = 1; this.running; n++) {
      try {
        const page = await this.editor.get(`/edit/${this.slug}`);
        const html = await page.text();
        if (page.status !== 200) throw new Error(String(page.status));
        original ??= bodyOf(html);
        const saved = await this.editor.post(`/edit/${this.slug}`, editorForm(html, { body: `${original}\n\nPublished words ${n}.\n` }), csrfFrom(html));
        await saved.arrayBuffer();
        if (saved.status !== 303) throw new Error(String(saved.status));
        const draft = await (await this.editor.get(`/edit/${this.slug}`)).text();
        const revisionId = new RegExp(`action="/edit/${this.slug}/submit"[\\s\\S]*?name="revisionId" value="(\\d+)"`).exec(draft)?.[1];
        if (!revisionId) throw new Error('no submit button');
        const token = csrfFrom(draft);
        if ((await this.editor.post(`/edit/${this.slug}/submit`, { revisionId }, token)).status !== 303) throw new Error('submit');
        if ((await this.reviewer.post(`/edit/${this.slug}/approve`, { revisionId })).status !== 303) throw new Error('approve');
        this.lastAttempted = n;
        // Everyone the page names has a current declaration, as publishing requires.
        await declareInterests(this.db);
        const published = await this.editor.post(`/edit/${this.slug}/publish`, { revisionId }, token);
        if (published.status === 303) this.lastAcknowledged = n;
        else this.lastFailure = `publish answered ${published.status}`;
      } catch (error) {
        this.lastFailure = error instanceof Error ? error.message : String(error);
        await sleep(100);
      }
    }
  }
}

/** Which acknowledged markers are in no stored revision of these pages. */
export async function missingMarkers(db: Db, markers: string[]): Promise<string[]> {
  const rows = await db.selectFrom('page_revisions').select('document').execute();
  const stored = rows.map((r) => r.document).join('\n');
  return markers.filter((m) => !stored.includes(`Saved words ${m}.`));
}

/** Runs `npm run atoz -- <args>` (src/cli.ts through tsx) with `env`; resolves to its exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const root = packageRoot();
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src', 'cli.ts'), ...args], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', (code) => resolve({ code, output, ms: Math.round(performance.now() - started) }));
  });
}

/** The fault suite's figures, printed like the benchmarks' (one line each, easy to compare between runs). */
export function report(name: string, figures: Record<string, string | number>): void {
  console.log(`fault ${name}: ${Object.entries(figures).map(([k, v]) => `${k} ${v}`).join(', ')}`);
}

/** Polls `probe` until it returns true; resolves to the milliseconds it took, or -1 after `ms`. */
export async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < ms) {
    if (await probe().catch(() => false)) return Date.now() - started;
    await sleep(100);
  }
  return -1;
}

/** One save of `slug` with a marker phrase (and optional filler text); resolves to the answer's status. */
export async function saveOnce(client: SessionClient, slug: string, marker: string, filler = ''): Promise<number> {
  const page = await client.get(`/edit/${slug}`);
  const html = await page.text();
  if (page.status !== 200) return page.status;
  const res = await client.post(`/edit/${slug}`, editorForm(html, { body: `${bodyOf(html)}\n\nSaved words ${marker}.\n${filler}` }), csrfFrom(html));
  await res.arrayBuffer();
  return res.status;
}

/**
 * The form on the page an editor gets when a save failed or could not be
 * confirmed (src/editing/routes/save-failure-page.tsx): where it sends to and
 * every field it sends, as a browser would on "Send it again".
 */
export function failurePageForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error('no form on the page');
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"\/?>/g)) fields[m[1]!] = unescape(m[2]!);
  fields.body = bodyOf(html);
  return { action: unescape(action), fields };
}

/** A real small disk (tmpfs) at `dir` when this process may mount one (root); null otherwise. Unmounted by a cleanup pushed on `cleanups`. */
export function smallDisk(dir: string, megabytes: number, cleanups: Array<() => unknown>): string | null {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  cleanups.push(() => void execFileSync('umount', [dir], { stdio: 'ignore' }));
  return dir;
}

/** Writes filler into `dir` until its disk says ENOSPC; returns a function that frees it again. */
export function fillDisk(dir: string): () => void {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return () => rmSync(filler, { force: true });
}
