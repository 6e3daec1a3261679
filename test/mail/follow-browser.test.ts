import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../src/accounts/context.js';
import { SessionClient, seedUser } from '../../src/accounts/test-support/session-client.js';
import type { PageDocument } from '../../src/directory/document.js';
import { createEditingService } from '../../src/editing/service/index.js';
import { declareInterests } from '../../src/editing/test-support/fixtures.js';
import type { MailDomain } from '../../src/mail/domain.js';
import { SmtpSink, linkIn, rawHeader } from '../../src/mail/test-support/smtp-sink.js';
import { createTestApp } from '../support/app.js';
import { type BrowserTestBed, VIEWPORTS, axeViolations, openBrowserTestBed } from '../support/browser.js';
import { validateHtml } from '../support/html-validator.js';

// A reader follows a topic in the browser, confirms by the e-mail that reaches a real SMTP
// server on loopback, gets a digest after an edit is published, and unsubscribes with one click.
// The pages on the way are valid HTML and pass axe-core (WCAG 2.2 AA).

const BASE = 'http://atoz.test';

describe('following a topic by e-mail, in a browser', () => {
  const sink = new SmtpSink();
  let bed: BrowserTestBed;
  let mail: MailDomain;

  beforeAll(async () => {
    await sink.start();
    const app = await createTestApp({ config: { worker: false, smtpUrl: sink.url, mailFrom: 'Atoz Test <news@atoz.test>' }, mail: { log: () => {} } });
    bed = await openBrowserTestBed({ app });
    mail = app.atoz.domains.find((d) => d.name === 'mail') as MailDomain;
  }, 60_000);
  afterAll(async () => {
    await bed?.close();
    await sink.stop();
  });

  it('follow, confirm from the e-mail, receive a digest, unsubscribe with one click', async () => {
    const { app, server, browser } = bed;
    const here = (url: string) => url.replace(BASE, server.url);
    const pages: Record<string, string> = {};
    const context = await browser.newContext({ viewport: VIEWPORTS.phone });
    const page = await context.newPage();

    await page.goto(`${server.url}/directory/causes-of-scleroderma`);
    await page.getByRole('link', { name: 'Follow this topic by e-mail' }).click();
    await page.waitForURL(/\/follow\?topic=causes-of-scleroderma/);
    expect(await axeViolations(page)).toEqual([]);
    const path = (url: string) => new URL(url).pathname + new URL(url).search;
    pages.follow = await (await app.request(path(page.url()))).text();
    await page.getByLabel('Your e-mail address').fill('browser.reader@example.org');
    await page.getByLabel('As soon as something changes').check();
    await page.getByRole('button', { name: 'Follow' }).click();
    // Without the consent box ticked, the form comes back with the address kept.
    await page.getByRole('alert').waitFor();
    expect(await page.getByLabel('Your e-mail address').inputValue()).toBe('browser.reader@example.org');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel(/I agree that/).check();
    await page.getByRole('button', { name: 'Follow' }).click();
    await page.getByRole('heading', { name: 'Check your e-mail' }).waitFor();
    const visitor = new SessionClient(app);
    const token = (await visitor.csrfToken('/follow'));
    pages.followError = await (await visitor.post('/follow', { email: 'other@example.org', topic: '', frequency: 'daily' }, token)).text();
    pages.check = await (await visitor.post('/follow', { email: 'other@example.org', topic: '', frequency: 'daily', consent: 'yes' }, token)).text();

    await mail.deliverer!.deliverDue();
    const confirmMail = sink.to('browser.reader@example.org')[0]!;
    pages.confirmEmail = confirmMail.parsed.html as string;
    await page.goto(here(linkIn(confirmMail.parsed.text ?? '', `${BASE}/follow/confirm/`)));
    expect(await axeViolations(page)).toEqual([]);
    pages.confirm = await (await app.request(path(page.url()))).text();
    await page.getByRole('button', { name: 'Yes, send me these e-mails' }).click();
    await page.getByRole('heading', { name: 'You are following' }).waitFor();

    // An editor's change to a sub-page is published through the workflow.
    const db = app.atoz.database.db;
    const e = await seedUser(db, 'editor', { name: 'Erin Editor' });
    const r = await seedUser(db, 'reviewer', { name: 'Dr Rita Reviewer' });
    const editor = { user: { id: e.id, email: e.email, name: 'Erin Editor', role: 'editor', authorKey: null } as CurrentUser, ip: '127.0.0.1' };
    const reviewer = { user: { id: r.id, email: r.email, name: 'Dr Rita Reviewer', role: 'reviewer', authorKey: null } as CurrentUser, ip: '127.0.0.1' };
    const editing = createEditingService({ db, store: app.atoz.store, contentChanged: () => app.atoz.contentChanged() });
    const located = await editing.locate('causes-silica');
    if (located.kind !== 'page') throw new Error('no page');
    const head = (await editing.read.head(located.pageKey))!;
    const doc: PageDocument = { ...head.document, summary: `${head.document.summary} ` };
    const saved = await editing.save({ pageKey: located.pageKey, document: doc, summary: 'Plainer words on dust at work', baseRevisionId: head.id, actor: editor });
    if (saved.kind !== 'saved') throw new Error(saved.kind);
    await editing.submit(saved.revision.id, editor);
    await editing.approve(saved.revision.id, reviewer);
    await declareInterests(db);
    expect((await editing.publish(saved.revision.id, editor)).kind).toBe('published');

    expect(await mail.runDigests()).toMatchObject({ queued: 1 });
    await mail.deliverer!.deliverDue();
    const digest = sink.to('browser.reader@example.org').find((m) => /on what you follow/.test(m.parsed.subject ?? ''))!;
    expect(digest.parsed.text).toContain('Plainer words on dust at work');
    pages.digestEmail = digest.parsed.html as string;
    await page.goto(here(linkIn(digest.parsed.text ?? '', `${BASE}/directory/causes-silica`)));
    expect(page.url()).toContain('/directory/causes-silica');

    // The manage page, then the mail client's one-click unsubscribe (a POST with no cookie or token).
    await page.goto(here(linkIn(digest.parsed.text ?? '', `${BASE}/follow/manage/`)));
    expect(await axeViolations(page)).toEqual([]);
    pages.manage = await (await app.request(path(page.url()))).text();
    const unsubscribe = here(rawHeader(digest, 'List-Unsubscribe')!.replace(/^<|>$/g, ''));
    await page.goto(unsubscribe);
    expect(await axeViolations(page)).toEqual([]);
    pages.unsubscribe = await (await app.request(path(page.url()))).text();
    const oneClick = await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(oneClick.status).toBe(200);
    expect(await db.selectFrom('mail_subscribers').select('address').execute()).toEqual([{ address: 'other@example.org' }]);

    const admin = await SessionClient.signedInAs(app, db, (await seedUser(db, 'admin')).id);
    pages.outbox = await (await admin.get('/admin/outbox')).text();
    pages.outboxMessage = await (await admin.get(`/admin/outbox/${(await db.selectFrom('mail_outbox').select('id').executeTakeFirstOrThrow()).id}`)).text();
    pages.subscribers = await (await admin.get('/admin/subscribers')).text();
    pages.forgot = await (await app.request('/password/forgot')).text();

    const problems = await validateHtml(pages);
    expect(problems).toEqual(Object.fromEntries(Object.keys(pages).map((k) => [k, []])));
    await context.close();
  }, 120_000);
});
