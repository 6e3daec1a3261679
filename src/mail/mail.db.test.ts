import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import type { DatabaseHandle } from '../db/database.js';
import { createJobSystem } from '../jobs/system.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { createPasswordResets } from '../accounts/password-reset.js';
import { createDeliverer } from './deliver.js';
import type { MailDomain } from './domain.js';
import { createOutbox } from './outbox.js';
import { SmtpSink, linkIn } from './test-support/smtp-sink.js';
import { createSmtpSender } from './transport.js';

const skip = await skipWithoutDatabase();

const mailDomain = (t: TestApp) => t.atoz.domains.find((d) => d.name === 'mail') as MailDomain;
const outboxRows = (t: TestApp) => t.atoz.database.db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();

/** Invites someone through the admin screen, as an admin would; returns the page's HTML. */
async function invite(t: TestApp, admin: SessionClient, email: string): Promise<string> {
  const res = await admin.post('/admin/users', { name: 'Ada Invitee', email, role: 'editor' });
  expect(res.status).toBe(200);
  return res.text();
}

describe.skipIf(skip)('mail without an SMTP server', () => {
  let t: TestApp;
  const log: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false }, mail: { log: (line) => log.push(line) }, rateLimits: { mailRequests: { limit: 2, windowMs: 60_000 } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says at start that mail is not delivered, keeps every e-mail in the outbox, and shows it to admins', async () => {
    expect(log.join('\n')).toMatch(/mail is not being delivered: ATOZ_SMTP_URL is not set/);
    const db = t.atoz.database.db;
    const admin = await SessionClient.signedInAs(t, db, (await seedUser(db, 'admin')).id);
    const page = await invite(t, admin, 'waiting@example.org');
    // The admin can still copy the link.
    expect(page).toContain('http://atoz.test/invite/');

    const rows = await outboxRows(t);
    expect(rows).toMatchObject([{ kind: 'invitation', to_address: 'waiting@example.org', status: 'queued', attempts: 0 }]);
    expect(rows[0]!.text_body).toContain('http://atoz.test/invite/');
    expect(mailDomain(t).deliverer).toBeNull();
    expect(t.atoz.jobs.registry.names()).not.toContain('mail.deliver');

    const list = await admin.get('/admin/outbox');
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('Mail is not being delivered');
    expect(html).toContain('waiting@example.org');
    const one = await admin.get(`/admin/outbox/${rows[0]!.id}`);
    expect(await one.text()).toContain('/invite/');
    // Not for editors.
    const editor = await SessionClient.signedInAs(t, db, (await seedUser(db, 'editor')).id);
    expect((await editor.get('/admin/outbox')).status).toBe(403);
  });

  it('rate limits the forgot-password and follow forms per network, each on its own count, with a clear answer', async () => {
    const visitor = new SessionClient(t);
    const token = await visitor.csrfToken('/password/forgot');
    for (let i = 0; i < 2; i++) expect((await visitor.post('/password/forgot', { email: `someone${i}@example.org` }, token)).status).toBe(200);
    const limited = await visitor.post('/password/forgot', { email: 'someone@example.org' }, token);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await limited.text()).toMatch(/Too many requests. Try again in 1 minute/);
    // The follow form counts separately.
    expect((await visitor.post('/follow', { email: 'reader@example.org', topic: '', frequency: 'weekly', consent: 'yes' }, token)).status).toBe(200);
  });

  it('writes no e-mail when the change that causes it rolls back', async () => {
    const db = t.atoz.database.db;
    const before = (await outboxRows(t)).length;
    await expect(
      db.transaction().execute(async (tx) => {
        await createOutbox({ db, jobs: t.atoz.jobs.queue, delivering: false, messageIdDomain: 'atoz.test' }).enqueue(tx, { to: 'rollback@example.org', subject: 'Never', text: 'Never sent', kind: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await outboxRows(t)).length).toBe(before);
  });
});

describe.skipIf(skip)('mail through a real SMTP server on loopback', () => {
  let t: TestApp;
  const sink = new SmtpSink();
  const log: string[] = [];
  let admin: SessionClient;

  beforeAll(async () => {
    await sink.start();
    t = await createTestApp({
      config: { worker: false, smtpUrl: sink.url, mailFrom: 'Atoz Test <news@atoz.test>' },
      mail: { log: (line) => log.push(line), retry: { baseMs: 1, maxMs: 4, maxAttempts: 4 }, timeouts: { connectionMs: 2000, greetingMs: 1500, socketMs: 5000 } },
    });
    const db = t.atoz.database.db;
    admin = await SessionClient.signedInAs(t, db, (await seedUser(db, 'admin', { name: 'Grace Admin' })).id);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });
  beforeEach(async () => {
    await t.atoz.database.db.deleteFrom('mail_outbox').execute();
    sink.received.length = 0;
    sink.behaviour = {};
  });

  const deliver = () => mailDomain(t).deliverer!.deliverDue();

  it('sends the invitation: headers, plain text and HTML, and a link that works', async () => {
    await invite(t, admin, 'new.editor@example.org');
    // Queuing woke the delivery job in the same transaction.
    expect((await t.atoz.jobs.queue.list()).find((j) => j.key === 'mail.deliver')?.status).toBe('scheduled');
    expect(await deliver()).toMatchObject({ sent: 1, retrying: 0, failed: 0 });

    const [mail] = sink.to('new.editor@example.org');
    expect(mail).toBeDefined();
    const p = mail!.parsed;
    const row = (await outboxRows(t))[0]!;
    expect(row).toMatchObject({ status: 'sent', attempts: 0 });
    expect(row.smtp_response).toMatch(/^250/);
    expect(p.messageId).toBe(row.message_id);
    expect(p.from?.value).toEqual([{ address: 'news@atoz.test', name: 'Atoz Test' }]);
    expect(p.subject).toMatch(/Your account on /);
    expect(p.headers.get('content-language')).toBe('en');
    expect(p.text).toContain('Grace Admin has made you an account');
    expect(p.html).toContain('<a href="http://atoz.test/invite/');
    expect(p.html).toMatch(/<html lang="en" dir="ltr">/);

    const link = linkIn(p.text ?? '', 'http://atoz.test/invite/');
    const page = await t.request(link.replace('http://atoz.test', ''));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('new.editor@example.org');
  });

  it('forgot password: the same answer for any address, an e-mail only for an account, a link that works once', async () => {
    const db = t.atoz.database.db;
    const user = await seedUser(db, 'reviewer', { email: 'forgetful@example.org' });
    const visitor = new SessionClient(t);
    const known = await visitor.post('/password/forgot', { email: 'Forgetful@Example.org' });
    const unknown = await visitor.post('/password/forgot', { email: 'nobody@example.org' });
    expect([known.status, unknown.status]).toEqual([200, 200]);
    const strip = (html: string) => html.replace(/name="_csrf" value="[^"]*"/g, '').replace(/forgetful@example\.org|nobody@example\.org/gi, 'ADDRESS');
    expect(strip(await known.text())).toBe(strip(await unknown.text()));

    await deliver();
    expect(sink.received.map((r) => r.envelopeTo)).toEqual([['forgetful@example.org']]);
    const link = linkIn(sink.received[0]!.parsed.text ?? '', 'http://atoz.test/password/reset/').replace('http://atoz.test', '');

    const form = await visitor.get(link);
    expect(form.status).toBe(200);
    expect(form.headers.get('referrer-policy')).toBe('no-referrer');
    const token = csrfFrom(await form.text());
    const weak = await visitor.post(link, { password: 'short', 'password-confirm': 'short' }, token);
    expect(weak.status).toBe(400);
    const set = await visitor.post(link, { password: 'harbour violet pencil 77', 'password-confirm': 'harbour violet pencil 77' }, token);
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe('/dashboard');

    // Single use: the password changed, so the link (and any older one) is spent.
    expect((await visitor.get(link)).status).toBe(410);
    // Forged: one character changed.
    const forged = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
    const forgedPage = await visitor.get(forged);
    expect(forgedPage.status).toBe(404);
    expect(await forgedPage.text()).toContain('This link is not right');
    // Expired: a link made an hour and a bit ago.
    const row = await db.selectFrom('users').select(['id', 'password_changed_at']).where('id', '=', user.id).executeTakeFirstOrThrow();
    const old = (await createPasswordResets(db, () => new Date(Date.now() - 61 * 60_000))).issue(row);
    const expired = await visitor.get(`/password/reset/${old.token}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
  });

  it('refuses bad addresses on the forgot-password form with a clear message, keeping what was typed', async () => {
    const visitor = new SessionClient(t);
    for (const [email, message] of [
      ['someone@example.org\r\nBcc: victim@example.org', 'one line'],
      [`${'a'.repeat(300)}@example.org`, 'at most 254'],
      ['not an address', 'like name@example.org'],
    ] as const) {
      const res = await visitor.post('/password/forgot', { email });
      expect(res.status, email).toBe(400);
      expect(await res.text(), email).toContain(message);
    }
    expect(await outboxRows(t)).toEqual([]);
  });

  it('SMTP down: nothing is lost; once it is back, each e-mail is sent once', async () => {
    const port = sink.port;
    await sink.stop();
    await invite(t, admin, 'down@example.org');
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
    const [waiting] = await outboxRows(t);
    expect(waiting).toMatchObject({ status: 'queued', attempts: 1 });
    expect(waiting!.last_error).toMatch(/ECONNECTION|ECONNREFUSED/);

    await sink.start(port);
    await sleep(10);
    expect(await deliver()).toMatchObject({ sent: 1 });
    await sleep(10);
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 0 });
    expect(sink.to('down@example.org')).toHaveLength(1);
  });

  it('a slow server (no greeting in time) is retried; nothing is sent twice', async () => {
    sink.behaviour = { greetingDelayMs: 2500 };
    await invite(t, admin, 'slow@example.org');
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 1 });
    expect((await outboxRows(t))[0]!.last_error).toMatch(/ETIMEDOUT|Greeting never received/i);
    sink.behaviour = {};
    await sleep(2600);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(sink.to('slow@example.org')).toHaveLength(1);
  });

  it('a recipient refused for good (550) is recorded as bounced and shown to admins; the others are sent', async () => {
    sink.behaviour = { refuse: new Set(['gone@example.org']) };
    await invite(t, admin, 'gone@example.org');
    await invite(t, admin, 'here@example.org');
    expect(await deliver()).toMatchObject({ sent: 1, failed: 1 });
    const rows = await outboxRows(t);
    expect(rows.map((r) => [r.to_address, r.status])).toEqual([
      ['gone@example.org', 'bounced'],
      ['here@example.org', 'sent'],
    ]);
    expect(rows[0]!.last_error).toMatch(/550/);
    await sleep(10);
    expect(await deliver()).toMatchObject({ sent: 0, failed: 0 });
    const page = await (await admin.get('/admin/outbox?status=bounced')).text();
    expect(page).toContain('gone@example.org');
    expect(page).not.toContain('here@example.org');
    const detail = await (await admin.get(`/admin/outbox/${rows[0]!.id}`)).text();
    expect(detail).toContain('550');

    // Sent again by hand once the address works, with the same Message-ID.
    sink.behaviour = {};
    const retried = await admin.post(`/admin/outbox/${rows[0]!.id}/retry`, {});
    expect(retried.status).toBe(303);
    expect(await deliver()).toMatchObject({ sent: 1 });
    expect(sink.to('gone@example.org')[0]!.parsed.messageId).toBe(rows[0]!.message_id);
  });

  it('4xx then 2xx: retried with backoff, delivered once, same Message-ID', async () => {
    sink.behaviour = { tempFail: new Map([['busy@example.org', 2]]) };
    await invite(t, admin, 'busy@example.org');
    expect(await deliver()).toMatchObject({ retrying: 1 });
    const first = (await outboxRows(t))[0]!;
    expect(first.last_error).toMatch(/451/);
    await sleep(10);
    expect(await deliver()).toMatchObject({ retrying: 1 });
    const second = (await outboxRows(t))[0]!;
    // Backoff doubles: the second wait is longer than the first.
    expect(Date.parse(second.next_attempt_at)).toBeGreaterThan(Date.parse(first.next_attempt_at));
    await sleep(10);
    expect(await deliver()).toMatchObject({ sent: 1 });
    const got = sink.to('busy@example.org');
    expect(got).toHaveLength(1);
    expect(got[0]!.parsed.messageId).toBe(first.message_id);
    expect((await outboxRows(t))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up after the last attempt and records it as failed', async () => {
    sink.behaviour = { tempFail: new Map([['never@example.org', 99]]) };
    await invite(t, admin, 'never@example.org');
    for (let i = 0; i < 4; i++) {
      await deliver();
      await sleep(10);
    }
    const [row] = await outboxRows(t);
    expect(row).toMatchObject({ status: 'failed', attempts: 4 });
    expect(row!.last_error).toMatch(/gave up after 4 attempts/);
    expect(sink.received).toHaveLength(0);
  });

  it('two servers delivering at once send every e-mail exactly once', async () => {
    const db = t.atoz.database.db;
    const outbox = createOutbox({ db, jobs: t.atoz.jobs.queue, delivering: false, messageIdDomain: 'atoz.test' });
    for (let i = 0; i < 24; i++) await outbox.enqueue(db, { to: `reader${i}@example.org`, subject: `Note ${i}`, text: `Body ${i}`, kind: 'test' });
    let second: DatabaseHandle | undefined;
    try {
      second = t.database.reopen();
      const otherJobs = createJobSystem(second.db);
      const otherOutbox = createOutbox({ db: second.db, jobs: otherJobs.queue, delivering: false, messageIdDomain: 'atoz.test' });
      const a = mailDomain(t).deliverer!;
      const b = createDeliverer({ outbox: otherOutbox, sender: createSmtpSender({ smtpUrl: sink.url }, 'news@atoz.test'), perMinute: 1000, workerId: 'server-b' });
      const [ra, rb] = await Promise.all([a.deliverDue(), b.deliverDue()]);
      expect(ra.sent + rb.sent).toBe(24);
    } finally {
      await second?.close();
    }
    expect(sink.received).toHaveLength(24);
    expect(new Set(sink.received.map((r) => r.parsed.messageId)).size).toBe(24);
    expect((await outboxRows(t)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('keeps to the send rate across servers: past the budget the rest waits for the next minute', async () => {
    const db = t.atoz.database.db;
    const outbox = createOutbox({ db, jobs: t.atoz.jobs.queue, delivering: false, messageIdDomain: 'atoz.test' });
    for (let i = 0; i < 5; i++) await outbox.enqueue(db, { to: `rate${i}@example.org`, subject: `Rate ${i}`, text: 'Body', kind: 'test' });
    const limited = createDeliverer({ outbox, sender: createSmtpSender({ smtpUrl: sink.url }, 'news@atoz.test'), perMinute: 3 });
    const report = await limited.deliverDue();
    expect(report).toMatchObject({ sent: 3, rateLimited: true });
    const next = await limited.nextRunAt(report);
    expect(next!.getTime()).toBeGreaterThan(Date.now() + 50_000);
    expect((await outboxRows(t)).filter((r) => r.status === 'queued')).toHaveLength(2);
  });
});
