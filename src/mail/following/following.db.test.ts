import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import type { CurrentUser } from '../../accounts/context.js';
import { SessionClient, csrfFrom, seedUser } from '../../accounts/test-support/session-client.js';
import type { PageDocument } from '../../directory/document.js';
import { createEditingService } from '../../editing/service/index.js';
import { declareInterests } from '../../editing/test-support/fixtures.js';
import type { MailDomain } from '../domain.js';
import { SmtpSink, linkIn, rawHeader } from '../test-support/smtp-sink.js';
import { createOutbox } from '../outbox.js';
import { createFollowLinks } from './links.js';

const skip = await skipWithoutDatabase();
const BASE = 'http://atoz.test';
const local = (url: string) => url.replace(BASE, '');

describe.skipIf(skip)('following by e-mail', () => {
  let t: TestApp;
  const sink = new SmtpSink();
  let mail: MailDomain;
  let editing: ReturnType<typeof createEditingService>;
  let editor: { user: CurrentUser; ip: string };
  let reviewer: { user: CurrentUser; ip: string };

  beforeAll(async () => {
    await sink.start();
    t = await createTestApp({ config: { worker: false, smtpUrl: sink.url, mailFrom: 'Atoz Test <news@atoz.test>' }, mail: { log: () => {} } });
    mail = t.atoz.domains.find((d) => d.name === 'mail') as MailDomain;
    const db = t.atoz.database.db;
    editing = createEditingService({ db, store: t.atoz.store, contentChanged: () => t.atoz.contentChanged() });
    const e = await seedUser(db, 'editor', { name: 'Erin Editor' });
    const r = await seedUser(db, 'reviewer', { name: 'Dr Rita Reviewer' });
    editor = { user: { id: e.id, email: e.email, name: 'Erin Editor', role: 'editor', authorKey: null }, ip: '127.0.0.1' };
    reviewer = { user: { id: r.id, email: r.email, name: 'Dr Rita Reviewer', role: 'reviewer', authorKey: null }, ip: '127.0.0.1' };
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });
  beforeEach(async () => {
    const db = t.atoz.database.db;
    await db.deleteFrom('mail_outbox').execute();
    await db.deleteFrom('mail_subscriptions').execute();
    await db.deleteFrom('mail_subscribers').execute();
    await db.deleteFrom('rate_limits').execute();
    sink.received.length = 0;
    sink.behaviour = {};
  });

  const deliver = () => mail.deliverer!.deliverDue();

  /** Publishes an edit of a page through the real workflow: save, send for review, approve, publish. */
  async function publishEdit(slug: string, summary: string) {
    const located = await editing.locate(slug);
    if (located.kind !== 'page') throw new Error(`no page ${slug}`);
    const head = (await editing.read.head(located.pageKey))!;
    const doc: PageDocument = { ...head.document, summary: `${head.document.summary} ` };
    const saved = await editing.save({ pageKey: located.pageKey, document: doc, summary, baseRevisionId: head.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await editing.submit(saved.revision.id, editor);
    await editing.approve(saved.revision.id, reviewer);
    await declareInterests(t.atoz.database.db);
    expect((await editing.publish(saved.revision.id, editor)).kind).toBe('published');
  }

  /** Publishes a changed document through the whole workflow. */
  async function publishDocument(slug: string, change: (doc: PageDocument) => PageDocument, summary: string) {
    const located = await editing.locate(slug);
    if (located.kind !== 'page') throw new Error(`no page ${slug}`);
    const head = (await editing.read.head(located.pageKey))!;
    const saved = await editing.save({ pageKey: located.pageKey, document: change(head.document), summary, baseRevisionId: head.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await editing.submit(saved.revision.id, editor);
    await editing.approve(saved.revision.id, reviewer);
    await declareInterests(t.atoz.database.db);
    expect((await editing.publish(saved.revision.id, editor)).kind).toBe('published');
  }

  /** Asks to follow through the form, as a visitor; returns the visitor. */
  async function follow(email: string, topic: string, frequency = 'immediately') {
    const visitor = new SessionClient(t);
    const form = await visitor.get(`/follow${topic ? `?topic=${topic}` : ''}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    const res = await visitor.post('/follow', { email, topic, frequency, consent: 'yes' }, csrfFrom(html));
    expect(res.status).toBe(200);
    return { visitor, html, answer: await res.text() };
  }

  it('double opt-in: a confirmation e-mail, nothing else until its link is used, then a welcome and digests of what changed, and one-click unsubscribe', async () => {
    const topicPage = await (await t.request('/directory/causes-of-scleroderma')).text();
    expect(topicPage).toContain('href="/follow?topic=causes-of-scleroderma"');
    const { visitor, html } = await follow('reader@example.org', 'causes-of-scleroderma');
    expect(html).toContain('I agree that Example Scleroderma Network keeps my e-mail address');
    // Consent recorded as shown, pending.
    const [sub] = await t.atoz.database.db.selectFrom('mail_subscriptions').selectAll().execute();
    expect(sub).toMatchObject({ topic_key: expect.stringMatching(/^page:\d+$/), confirmed_at: null });
    expect(sub!.consent_text).toContain('I agree that Example Scleroderma Network keeps my e-mail address');

    // An edit published before confirmation: nothing is sent for it.
    await publishEdit('causes-silica', 'Clearer words about dust at work');
    expect(await mail.runDigests()).toMatchObject({ queued: 0 });
    await deliver();
    expect(sink.received).toHaveLength(1);
    const confirm = sink.received[0]!.parsed;
    expect(confirm.subject).toMatch(/Confirm your e-mails/);
    expect(rawHeader(sink.received[0]!, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(rawHeader(sink.received[0]!, 'List-Unsubscribe')).toMatch(/^<http:\/\/atoz\.test\/follow\/unsubscribe\/[^>\s]+>$/);
    expect(confirm.text).toContain('“Causes of Scleroderma” and the pages under it');
    expect(confirm.html).toContain('Yes, send me these e-mails');

    // Opening the link (as a link scanner would) confirms nothing; the button does.
    const confirmLink = local(linkIn(confirm.text ?? '', `${BASE}/follow/confirm/`));
    const page = await visitor.get(confirmLink);
    expect(page.status).toBe(200);
    expect((await t.atoz.database.db.selectFrom('mail_subscriptions').select('confirmed_at').executeTakeFirstOrThrow()).confirmed_at).toBeNull();
    const done = await visitor.post(confirmLink, {}, csrfFrom(await page.text()));
    expect(done.status).toBe(200);
    expect((await t.atoz.database.db.selectFrom('mail_subscriptions').select('confirmed_at').executeTakeFirstOrThrow()).confirmed_at).not.toBeNull();
    await deliver();
    const welcome = sink.received[1]!.parsed;
    expect(welcome.subject).toMatch(/Welcome/);
    expect(welcome.text).toContain('contact@example.org');
    expect(welcome.text).toContain('Medical disclaimer');
    expect(welcome.text).toMatch(/\+1 555 0100/);

    // Nothing changed since: nothing sent.
    expect(await mail.runDigests()).toMatchObject({ queued: 0 });
    // A sub-page of the followed topic is edited and published: one digest.
    await publishEdit('causes-silica', 'Added what the newest studies say');
    expect(await mail.runDigests()).toMatchObject({ queued: 1 });
    await deliver();
    const digest = sink.received[2]!;
    expect(digest.envelopeTo).toEqual(['reader@example.org']);
    expect(digest.parsed.subject).toMatch(/changes? on what you follow/);
    expect(digest.parsed.text).toContain('Added what the newest studies say');
    expect(digest.parsed.text).toContain('medically reviewed');
    expect(digest.parsed.text).toContain(`${BASE}/directory/causes-silica`);
    expect(digest.parsed.text).not.toContain('Clearer words about dust at work');
    expect(digest.parsed.html).toContain('<a href="http://atoz.test/directory/causes-silica"');
    // Run again: the window moved on, nothing twice.
    expect(await mail.runDigests()).toMatchObject({ queued: 0 });

    // One click: a mail client POSTs List-Unsubscribe=One-Click, with no cookie and no CSRF token.
    expect(rawHeader(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = local(rawHeader(digest, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
    const scanner = await t.request(unsubscribe);
    expect(scanner.status).toBe(200);
    expect(await t.atoz.database.db.selectFrom('mail_subscribers').select('id').execute()).toHaveLength(1);
    const oneClick = await t.request(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect(await t.atoz.database.db.selectFrom('mail_subscribers').select('id').execute()).toHaveLength(0);
    await publishEdit('causes-silica', 'One more change');
    expect(await mail.runDigests()).toMatchObject({ queued: 0 });
    // The link keeps giving a clear answer.
    expect((await t.request(unsubscribe)).status).toBe(410);
  });

  it('a newly added research digest is in the digest with its study type; the whole-site follower gets it too', async () => {
    const db = t.atoz.database.db;
    const now = new Date().toISOString();
    const sub = await db.insertInto('mail_subscribers').values({ address: 'site@example.org', lang: 'en', frequency: 'immediately', created_at: now, confirmation_sent_at: now, digest_through: now, last_digest_at: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('mail_subscriptions').values({ subscriber_id: sub.id, topic_key: 'site', page_id: null, requested_at: now, consent_text: 'I agree', confirmed_at: now }).execute();
    const located = await editing.locate('causes-proteins');
    if (located.kind !== 'page') throw new Error('no page');
    const head = (await editing.read.head(located.pageKey))!;
    const research = head.document.sections.flatMap((s) => s.entries).find((e) => e.kind === 'research');
    if (!research || research.kind !== 'research') throw new Error('the demo page has no research digest');
    const withoutIt = (doc: PageDocument): PageDocument => ({ ...doc, sections: doc.sections.map((s) => ({ ...s, entries: s.entries.filter((e) => !(e.kind === 'research' && e.citationKey === research.citationKey)) })) });
    await publishDocument('causes-proteins', withoutIt, 'Took a study out for checking');
    await mail.runDigests();
    await db.deleteFrom('mail_outbox').execute();
    await publishDocument('causes-proteins', () => head.document, 'Put the study back');
    expect(await mail.runDigests()).toMatchObject({ queued: 1 });
    const [row] = await db.selectFrom('mail_outbox').selectAll().execute();
    const citation = await db.selectFrom('citations').select('title').where('key', '=', research.citationKey).executeTakeFirstOrThrow();
    expect(row!.text_body).toContain('new research digest (');
    expect(row!.text_body).toContain(citation.title);
    expect(row!.text_body).toContain('Put the study back');
  });

  it('daily and weekly followers get their digest once their period has passed, not before', async () => {
    const db = t.atoz.database.db;
    const start = new Date();
    for (const frequency of ['daily', 'weekly']) {
      const sub = await db.insertInto('mail_subscribers').values({ address: `${frequency}@example.org`, lang: 'en', frequency, created_at: start.toISOString(), confirmation_sent_at: null, digest_through: start.toISOString(), last_digest_at: null }).returning('id').executeTakeFirstOrThrow();
      await db.insertInto('mail_subscriptions').values({ subscriber_id: sub.id, topic_key: 'site', page_id: null, requested_at: start.toISOString(), consent_text: 'I agree', confirmed_at: start.toISOString() }).execute();
    }
    await publishEdit('causes-silica', 'A change for the periodic digests');
    const later = (hours: number) => new Date(start.getTime() + hours * 3_600_000);
    expect(await mail.runDigests(later(23))).toMatchObject({ queued: 0 });
    expect(await mail.runDigests(later(25))).toMatchObject({ queued: 1 });
    expect(await mail.runDigests(later(26))).toMatchObject({ queued: 0 });
    expect(await mail.runDigests(later(7 * 24 + 1))).toMatchObject({ queued: 1 });
    const rows = await db.selectFrom('mail_outbox').select(['to_address', 'text_body']).orderBy('id').execute();
    expect(rows.map((r) => r.to_address)).toEqual(['daily@example.org', 'weekly@example.org']);
    expect(rows.every((r) => r.text_body.includes('A change for the periodic digests'))).toBe(true);
  });

  it('an address refused for good by its mail server gets no more digests until an admin sends the refused e-mail again', async () => {
    const db = t.atoz.database.db;
    const now = new Date().toISOString();
    const sub = await db.insertInto('mail_subscribers').values({ address: 'gone@example.org', lang: 'en', frequency: 'immediately', created_at: now, confirmation_sent_at: null, digest_through: now, last_digest_at: null }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('mail_subscriptions').values({ subscriber_id: sub.id, topic_key: 'site', page_id: null, requested_at: now, consent_text: 'I agree', confirmed_at: now }).execute();
    sink.behaviour = { refuse: new Set(['gone@example.org']) };
    await publishEdit('causes-silica', 'First change');
    expect(await mail.runDigests()).toMatchObject({ queued: 1 });
    expect(await deliver()).toMatchObject({ failed: 1 });
    await publishEdit('causes-silica', 'Second change');
    expect(await mail.runDigests()).toMatchObject({ queued: 0 });
    sink.behaviour = {};
    const bounced = await db.selectFrom('mail_outbox').select('id').where('status', '=', 'bounced').executeTakeFirstOrThrow();
    expect(await createOutbox({ db, jobs: t.atoz.jobs.queue, delivering: true, messageIdDomain: 'atoz.test' }).retry(bounced.id)).toBe(true);
    await deliver();
    await publishEdit('causes-silica', 'Third change');
    expect(await mail.runDigests()).toMatchObject({ queued: 1 });
  });

  it('at most one confirmation e-mail an hour per address, however often someone asks; the answer never says whether the address is known', async () => {
    const first = await follow('target@example.org', '');
    const second = await follow('target@example.org', 'causes-silica');
    const strip = (s: string) => s.replace(/name="_csrf" value="[^"]*"/g, '');
    expect(strip(second.answer)).toBe(strip(first.answer));
    await deliver();
    expect(sink.to('target@example.org')).toHaveLength(1);
    expect(await t.atoz.database.db.selectFrom('mail_subscriptions').select('topic_key').execute()).toHaveLength(2);
  });

  it('unsubscribing and asking again does not get around the limit: at most three confirmation e-mails an hour to one address', async () => {
    for (let i = 0; i < 5; i++) {
      await follow('bombed@example.org', '');
      await deliver();
      const id = (await t.atoz.database.db.selectFrom('mail_subscribers').select('id').where('address', '=', 'bombed@example.org').executeTakeFirstOrThrow()).id;
      const token = (await createFollowLinks(t.atoz.database.db)).make('unsubscribe', id);
      expect((await t.request(`/follow/unsubscribe/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(200);
    }
    expect(sink.to('bombed@example.org')).toHaveLength(3);
  });

  it('manage page by signed link: change how often, stop following one thing; forged and expired links get clear answers', async () => {
    await follow('manager@example.org', '');
    await deliver();
    const confirmLink = local(linkIn(sink.received[0]!.parsed.text ?? '', `${BASE}/follow/confirm/`));
    const visitor = new SessionClient(t);
    const token = csrfFrom(await (await visitor.get(confirmLink)).text());
    await visitor.post(confirmLink, {}, token);
    const manageLink = local(linkIn(sink.received[0]!.parsed.text ?? '', `${BASE}/follow/manage/`));
    const page = await visitor.get(manageLink);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('manager@example.org');
    expect((await visitor.post(manageLink, { action: 'frequency', frequency: 'daily' }, csrfFrom(html))).status).toBe(303);
    expect((await t.atoz.database.db.selectFrom('mail_subscribers').select('frequency').executeTakeFirstOrThrow()).frequency).toBe('daily');

    const forged = await t.request(manageLink.slice(0, -2) + 'xx');
    expect(forged.status).toBe(404);
    expect(await forged.text()).toContain('This link is not right');
    const old = (await createFollowLinks(t.atoz.database.db, () => new Date(Date.now() - 8 * 24 * 3_600_000))).make('confirm', 1);
    const expired = await t.request(`/follow/confirm/${old}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('This link has expired');
    // A confirm link cannot be used as an unsubscribe link.
    expect((await t.request(confirmLink.replace('/confirm/', '/unsubscribe/'))).status).toBe(404);
  });

  it('bad input: header injection, 300-character and IDN addresses, unknown topics, missing consent', async () => {
    const visitor = new SessionClient(t);
    const token = csrfFrom(await (await visitor.get('/follow')).text());
    const post = (fields: Record<string, string>) => visitor.post('/follow', { frequency: 'weekly', consent: 'yes', topic: '', ...fields }, token);
    const injected = await post({ email: 'a@example.org\r\nBcc: victim@example.org' });
    expect(injected.status).toBe(400);
    const injectedHtml = await injected.text();
    expect(injectedHtml).toContain('one line');
    expect(injectedHtml).toContain('value="a@example.org Bcc: victim@example.org"');
    const long = await post({ email: `${'x'.repeat(300)}@example.org` });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('at most 254');
    const noConsent = await post({ email: 'kept@example.org', consent: '' });
    expect(noConsent.status).toBe(400);
    expect(await noConsent.text()).toContain('value="kept@example.org"');
    expect((await visitor.get('/follow?topic=no-such-topic')).status).toBe(404);
    expect((await post({ email: 'a@example.org', topic: 'no-such-topic' })).status).toBe(404);
    expect(await t.atoz.database.db.selectFrom('mail_subscribers').select('id').execute()).toHaveLength(0);

    const idn = await post({ email: 'leser@bücher.example' });
    expect(idn.status).toBe(200);
    expect(await t.atoz.database.db.selectFrom('mail_subscribers').select('address').execute()).toEqual([{ address: 'leser@xn--bcher-kva.example' }]);
  });

  it('admins export and delete a subscriber’s data; nobody else sees addresses', async () => {
    await follow('private@example.org', '');
    const db = t.atoz.database.db;
    const admin = await SessionClient.signedInAs(t, db, (await seedUser(db, 'admin')).id);
    const list = await (await admin.get('/admin/subscribers')).text();
    expect(list).toContain('private@example.org');
    const id = (await db.selectFrom('mail_subscribers').select('id').executeTakeFirstOrThrow()).id;
    const exported = await admin.get(`/admin/subscribers/${id}/export`);
    expect(exported.headers.get('content-disposition')).toContain('attachment');
    const data = (await exported.json()) as { address: string; follows: Array<{ consentText: string }>; emails: unknown[] };
    expect(data.address).toBe('private@example.org');
    expect(data.follows[0]!.consentText).toContain('I agree');
    expect(data.emails).toHaveLength(1);
    const editorClient = await SessionClient.signedInAs(t, db, editor.user.id);
    expect((await editorClient.get('/admin/subscribers')).status).toBe(403);
    expect((await admin.post(`/admin/subscribers/${id}/delete`, {})).status).toBe(303);
    expect(await db.selectFrom('mail_subscribers').select('id').execute()).toHaveLength(0);
    expect(await db.selectFrom('mail_outbox').select('id').where('to_address', '=', 'private@example.org').execute()).toHaveLength(0);
  });
});
