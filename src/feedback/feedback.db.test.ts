import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { COMMENT_MAX, createFeedbackStore } from './store.js';

const skip = await skipWithoutDatabase();
const SLUG = 'causes-of-scleroderma';
let ipSeq = 0;

describe.skipIf(skip)('reader feedback', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    // Behind a "proxy", so each test is its own client address (its own rate-limit budget).
    t = await createTestApp({ config: { trustProxy: true, worker: false }, rateLimits: { readerFeedback: { limit: 3, windowMs: 60_000 } } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A reader at their own address: opens the form (which gives the CSRF cookie) and sends it. */
  const reader = () => {
    const client = new SessionClient(t);
    const ip = `192.0.2.${++ipSeq}`;
    const headers = { 'x-forwarded-for': ip };
    return {
      open: (path: string) => client.request(path, { headers }),
      async send(path: string, fields: Record<string, string>, formPage = path) {
        const token = csrfFrom(await (await client.request(formPage, { headers })).text());
        return client.request(path, { method: 'POST', body: new URLSearchParams({ ...fields, _csrf: token }), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' } });
      },
    };
  };
  const stored = () => db().selectFrom('reader_feedback').selectAll().orderBy('id').execute();
  const pageId = async () => (await db().selectFrom('pages').select('id').where('slug', '=', SLUG).executeTakeFirstOrThrow()).id;

  test('every topic page asks whether it was helpful and links to both forms', async () => {
    const html = await (await t.request(`/directory/${SLUG}`)).text();
    expect(html).toContain('Was this page helpful?');
    expect(html).toContain(`href="/feedback/${SLUG}?helpful=yes"`);
    expect(html).toContain(`href="/feedback/${SLUG}?helpful=no"`);
    expect(html).toContain(`href="/feedback/${SLUG}/problem"`);
    const es = await (await t.request(`/es/directory/${SLUG}`)).text();
    expect(es).toContain('¿Le ha resultado útil esta página?');
  });

  test('a "no" with a comment is stored, thanked for, and never shown on the public page', async () => {
    const r = reader();
    const form = await (await r.open(`/feedback/${SLUG}?helpful=no`)).text();
    expect(form).toMatch(/value="no" checked/);
    expect(form).toContain('Please do not write your name');
    const before = (await stored()).length;
    const res = await r.send(`/feedback/${SLUG}`, { helpful: 'no', comment: 'The second paragraph was hard to follow.', website: '' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Thank you');
    const rows = await stored();
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ page_id: await pageId(), kind: 'helpful', helpful: 0, comment: 'The second paragraph was hard to follow.', handled_at: null });
    const page = await (await t.request(`/directory/${SLUG}`)).text();
    expect(page).not.toContain('hard to follow');
  });

  test('a comment with an e-mail address or a phone number is refused and comes back as written', async () => {
    for (const comment of ['Write to me at reader.name@example.org please', 'Call me on +44 20 7946 0958 about this']) {
      const r = reader();
      const before = (await stored()).length;
      const res = await r.send(`/feedback/${SLUG}`, { helpful: 'yes', comment, website: '' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain('seems to contain an e-mail address or phone number');
      expect(html).toContain(comment.replace(/@/g, '@'));
      expect((await stored()).length).toBe(before);
    }
  });

  test('an over-long comment, no choice, a filled honeypot and an unknown page each get a clear answer and lose nothing', async () => {
    const long = `${'a very long remark '.repeat(Math.ceil(COMMENT_MAX / 19) + 5)}end`;
    const before = (await stored()).length;
    const tooLong = await reader().send(`/feedback/${SLUG}/problem`, { problem: 'wrong', comment: long, website: '' });
    expect(tooLong.status).toBe(400);
    const tooLongHtml = await tooLong.text();
    expect(tooLongHtml).toMatch(/Your comment has [\d,]+ characters; the most is 2,000/);
    expect(tooLongHtml).toContain(long.trim());
    expect(tooLongHtml).toMatch(/value="wrong" checked/);

    const unchosen = await reader().send(`/feedback/${SLUG}/problem`, { comment: 'Something about the dates.', website: '' });
    expect(unchosen.status).toBe(400);
    const unchosenHtml = await unchosen.text();
    expect(unchosenHtml).toContain('Choose what the problem is');
    expect(unchosenHtml).toContain('Something about the dates.');

    const bot = await reader().send(`/feedback/${SLUG}`, { helpful: 'yes', comment: 'Great page, visit my shop', website: 'http://spam.example' });
    expect(bot.status).toBe(400);
    expect(await bot.text()).toContain('Great page, visit my shop');

    const unknown = await reader().open('/feedback/no-such-page-here');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('There is no page at this address to send feedback about');
    const sentToGone = await reader().send('/feedback/no-such-page-here', { problem: 'outdated', comment: 'Dates are old.', website: '' }, `/feedback/${SLUG}/problem`);
    expect(sentToGone.status).toBe(404);
    expect(await sentToGone.text()).toMatch(/What you wrote, to copy<\/label><textarea[^>]*>Dates are old\.<\/textarea>/);
    expect((await stored()).length).toBe(before);
  });

  test('a flood from one address is refused with 429, the text kept, while another address still gets through', async () => {
    const r = reader();
    for (let i = 0; i < 3; i++) expect((await r.send(`/feedback/${SLUG}`, { helpful: 'yes', comment: '', website: '' })).status).toBe(200);
    const flooded = await r.send(`/feedback/${SLUG}`, { helpful: 'no', comment: 'One more thought.', website: '' });
    expect(flooded.status).toBe(429);
    const html = await flooded.text();
    expect(html).toContain('A lot of feedback came from your connection');
    expect(html).toContain('One more thought.');
    expect((await reader().send(`/feedback/${SLUG}`, { helpful: 'yes', comment: '', website: '' })).status).toBe(200);
  });

  test('editors see problem reports per page, in the review-due list and on the dashboard, and mark them handled; readers cannot', async () => {
    const soon = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    await db().updateTable('pages').set({ next_review_on: soon }).where('slug', '=', SLUG).execute();
    const res = await reader().send(`/feedback/${SLUG}/problem`, { problem: 'broken-link', comment: 'The link to the review goes to an error page.', website: '' });
    expect(res.status).toBe(200);
    const report = (await stored()).at(-1)!;
    expect(report).toMatchObject({ kind: 'problem', problem: 'broken-link', helpful: null });

    // What the tests above stored: one problem report, one "no" with a comment, five answers in all.
    const summary = async () => (await createFeedbackStore(db(), () => new Date()).pagesWithOpen()).find((p) => p.slug === SLUG);
    expect(await summary()).toMatchObject({ openReports: 1, openAnswers: 1, yes: 4, no: 1 });
    expect((await createFeedbackStore(db(), () => new Date()).openReportCounts([await pageId()])).get(await pageId())).toBe(1);
    const editor = await SessionClient.signedInAs(t, db(), (await seedUser(db(), 'editor')).id);
    const dashboard = await (await editor.get('/dashboard')).text();
    expect(dashboard).toMatch(/Reader feedback \(\d+\)/);
    expect(dashboard).toMatch(new RegExp(`href="/edit/feedback/${SLUG}">\\d+ open reader reports?</a>`));
    const overview = await (await editor.get('/edit/feedback')).text();
    expect(overview).toContain(`href="/edit/feedback/${SLUG}"`);
    const perPage = await editor.get(`/edit/feedback/${SLUG}`);
    const perPageHtml = await perPage.text();
    expect(perPageHtml).toContain('The link to the review goes to an error page.');
    expect(perPageHtml).toContain('Problem: a link does not work');

    const anonymous = await t.request(`/edit/feedback/${SLUG}`);
    expect(anonymous.status).toBe(303);
    const member = await SessionClient.signedInAs(t, db(), (await seedUser(db(), 'member')).id);
    expect((await member.get(`/edit/feedback/${SLUG}`)).status).toBe(403);

    const handled = await editor.post(`/edit/feedback/items/${report.id}/handled`, {}, csrfFrom(perPageHtml));
    expect(handled.status).toBe(303);
    expect(handled.headers.get('location')).toContain(`/edit/feedback/${SLUG}?notice=handled`);
    const row = await db().selectFrom('reader_feedback').selectAll().where('id', '=', report.id).executeTakeFirstOrThrow();
    expect(row.handled_at).not.toBeNull();
    expect(await summary()).toMatchObject({ openReports: 0, openAnswers: 1 });
    const again = await editor.post(`/edit/feedback/items/${report.id}/handled`, {}, csrfFrom(perPageHtml));
    expect(again.headers.get('location')).toContain('notice=already-handled');
    const after = await (await editor.get(`/edit/feedback/${SLUG}?notice=handled`)).text();
    expect(after).toContain('Marked as handled.');
    expect(after).toContain('Handled by');
  });
});
