import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../test/support/app.js';
import { skipWithoutDatabase } from '../../test/support/database.js';
import { SessionClient, csrfFrom, seedUser } from '../accounts/test-support/session-client.js';
import { guardFields } from '../community/test-support/community.js';
import { XSS_PAYLOADS } from '../editing/test-support/xss-payloads.js';
import { CONSENT_TEXT_VERSION } from './store.js';
import { makeStory, storyLink } from './test-support/stories.js';

const skip = await skipWithoutDatabase();
const TOPIC = 'causes-silica';

describe.skipIf(skip)('patient stories', () => {
  let t: TestApp;
  const db = () => t.atoz.database.db;
  beforeAll(async () => {
    t = await createTestApp({ config: { worker: false } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sends the story form as a person would (topics repeat, so the body is built by hand). */
  async function send(client: SessionClient, fields: Array<[string, string]>, guard = true) {
    const token = csrfFrom(await (await client.get('/stories/new')).text());
    const body = new URLSearchParams([...(guard ? Object.entries(await guardFields(db())) : []), ...fields, ['_csrf', token]]);
    return client.request('/stories/new', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
  const lastMail = (to: string) => db().selectFrom('mail_outbox').selectAll().where('to_address', '=', to).orderBy('id', 'desc').executeTakeFirst();
  const linkIn = (text: string, kind: 'confirm' | 'withdraw' | 'review') => new RegExp(`http://atoz\\.test(/stories/\\d+/${kind}/[A-Za-z0-9_-]{43})`).exec(text)?.[1];
  /** Opens a signed link and presses its button, as the storyteller does. */
  async function press(client: SessionClient, link: string, extra: Record<string, string> = {}) {
    const page = await client.get(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    const shown = /name="shown" value="([^"]+)"/.exec(html)?.[1];
    return client.post(link, { ...(shown ? { shown } : {}), ...extra }, csrfFrom(html));
  }
  const pageId = async (slug: string) => (await db().selectFrom('pages').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
  const sitemap = async () => (await t.request('/sitemap.xml')).text();

  test('the demo ships no stories: /stories says so honestly, topic pages have no stories section', async () => {
    expect(await db().selectFrom('stories').select('id').execute()).toEqual([]);
    const list = await t.request('/stories');
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).toContain('No stories have been published yet.');
    expect(html).toContain('href="/stories/new"');
    const topic = await (await t.request(`/directory/${TOPIC}`)).text();
    expect(topic).not.toContain('Experiences from people with this condition');
    const map = await sitemap();
    expect(map).toContain('http://atoz.test/stories<');
    expect(map).not.toMatch(/\/stories\/\d+/);
  });

  test('a failed form comes back with everything typed; a filled honeypot is refused', async () => {
    const client = new SessionClient(t);
    const res = await send(client, [['title', 'My winter'], ['body', 'Long text\nwith lines'], ['displayName', 'Heron'], ['country', 'Chile'], ['email', 'not-an-address'], ['topics', TOPIC], ['consent-translate', '1'], ['expires-translate', '2001-01-01']]);
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const kept of ['value="My winter"', 'Long text\nwith lines', 'value="Heron"', 'value="Chile"', 'value="not-an-address"', 'value="2001-01-01"']) expect(html).toContain(kept);
    expect(html).toMatch(new RegExp(`value="${TOPIC}" checked`));
    expect(html).toContain('We can only publish your story with this consent');
    expect(html).toContain('Enter an e-mail address like name@example.org');
    expect(html).toContain('Choose a date in the future');
    const bot = await send(client, [['title', 'Buy now'], ['body', 'spam'], ['website', 'http://spam.test'], ['_started', '1.x']], false);
    expect(bot.status).toBe(400);
    expect(await bot.text()).toContain('Buy now');
    expect(await db().selectFrom('stories').select('id').execute()).toEqual([]);
  });

  test('submission → e-mail confirmation → moderator edits for privacy → storyteller approves → published; withdrawal takes it down everywhere', async () => {
    const teller = new SessionClient(t);
    const email = `teller-${Date.now()}@example.org`;
    const sent = await send(teller, [
      ['title', 'Fifteen years with Raynaud'], ['body', 'I live in Springfield and my doctor Dr Rivera said **keep warm**.'], ['displayName', 'Quiet heron'], ['nameKind', 'pseudonym'], ['country', 'Chile'], ['email', email],
      ['topics', TOPIC], ['consent-publish', '1'], ['expires-publish', '2099-12-31'], ['consent-newsletter', '1'],
    ]);
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain(`We sent an e-mail to ${email}`);
    const story = await db().selectFrom('stories').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(story.status).toBe('unconfirmed');
    const consents = await db().selectFrom('story_consents').selectAll().where('story_id', '=', story.id).orderBy('purpose').execute();
    expect(consents.map((c) => [c.purpose, c.granted, c.text_version, c.expires_on])).toEqual([
      ['newsletter', 1, CONSENT_TEXT_VERSION, null],
      ['publish', 1, CONSENT_TEXT_VERSION, '2099-12-31'],
      ['translate', 0, CONSENT_TEXT_VERSION, null],
    ]);
    const moderator = await SessionClient.signedInAs(t, db(), (await seedUser(db(), 'moderator')).id);
    // Not in the queue before the address is confirmed.
    expect(await (await moderator.get('/moderation')).text()).not.toContain('Fifteen years with Raynaud');
    const confirmMail = await lastMail(email);
    expect(confirmMail?.kind).toBe('story-confirm');
    const withdrawLink = linkIn(confirmMail!.text_body, 'withdraw')!;
    expect(withdrawLink).toBeTruthy();
    // A link with a forged signature does nothing.
    expect((await teller.get(linkIn(confirmMail!.text_body, 'confirm')!.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).status).toBe(404);
    const confirmed = await press(teller, linkIn(confirmMail!.text_body, 'confirm')!);
    expect(await confirmed.text()).toContain('Address confirmed');

    const queue = await (await moderator.get('/moderation')).text();
    expect(queue).toContain(`href="/moderation/stories/${story.id}"`);
    const item = await moderator.get(`/moderation/stories/${story.id}`);
    const itemHtml = await item.text();
    expect(itemHtml).toContain('Publish on this site: yes, until');
    // An edit without a reason comes back with the moderator's text.
    const token = csrfFrom(itemHtml);
    const edited = 'I live in a small town and my doctor said **keep warm**.';
    const noReason = await moderator.post(`/moderation/stories/${story.id}/approve`, { title: story.title, body: edited, reason: '' }, token);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain('I live in a small town');
    const proposed = await moderator.post(`/moderation/stories/${story.id}/approve`, { title: story.title, body: edited, reason: 'Town and doctor names removed' }, token);
    expect(proposed.status).toBe(303);
    // Not published until the storyteller approves the edited text.
    expect((await t.request(`/stories/${story.id}`)).status).toBe(404);
    const reviewMail = await lastMail(email);
    expect(reviewMail?.kind).toBe('story-review');
    expect(reviewMail!.text_body).toContain('Town and doctor names removed');
    const reviewLink = linkIn(reviewMail!.text_body, 'review')!;
    const review = await (await teller.get(reviewLink)).text();
    expect(review).toContain('I live in a small town');
    // Approving a text other than the one shown does nothing.
    expect(await (await teller.post(reviewLink, { shown: 'x' }, csrfFrom(review))).text()).toContain('Nothing more to do');
    const approved = await press(teller, reviewLink);
    expect(await approved.text()).toContain('Your story is published');

    const page = await (await t.request(`/stories/${story.id}`)).text();
    expect(page).toContain('I live in a small town and my doctor said <strong>keep warm</strong>.');
    expect(page).not.toContain('Springfield');
    expect(page).toContain('By Quiet heron, Chile');
    expect(await (await t.request('/stories')).text()).toContain(`href="/stories/${story.id}"`);
    const topic = await (await t.request(`/directory/${TOPIC}`)).text();
    expect(topic).toContain('Experiences from people with this condition');
    expect(topic).toContain(`href="/stories/${story.id}"`);
    expect(await sitemap()).toContain(`/stories/${story.id}<`);

    // Withdrawal: hidden at once, erased by the job, and its address says so.
    const withdrawn = await press(teller, withdrawLink);
    expect(await withdrawn.text()).toContain('Your story was withdrawn');
    const gone = await t.request(`/stories/${story.id}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This story was withdrawn');
    expect(await (await t.request(`/directory/${TOPIC}`)).text()).not.toContain('Experiences from people with this condition');
    expect(await (await t.request('/stories')).text()).not.toContain(`/stories/${story.id}"`);
    expect(await sitemap()).not.toContain(`/stories/${story.id}<`);
    const runs = (await t.atoz.jobs.worker.runDue()).filter((r) => r.key === `stories.take-down:${story.id}`);
    expect(runs.length).toBe(1);
    const erased = await db().selectFrom('stories').selectAll().where('id', '=', story.id).executeTakeFirstOrThrow();
    expect([erased.status, erased.title, erased.body]).toEqual(['withdrawn', '', '']);
    expect((await db().selectFrom('story_consents').select('withdrawn_at').where('story_id', '=', story.id).execute()).every((c) => c.withdrawn_at)).toBe(true);
    expect((await t.request(`/stories/${story.id}`)).status).toBe(410);
  });

  test('a moderator publishes a story unchanged, or rejects one; signed-in members need no e-mail confirmation', async () => {
    const member = await seedUser(db(), 'member');
    const client = await SessionClient.signedInAs(t, db(), member.id);
    const sent = await send(client, [['title', 'What helped me'], ['body', 'Gloves.'], ['displayName', 'Fern'], ['consent-publish', '1']]);
    expect(sent.status).toBe(200);
    const story = await db().selectFrom('stories').selectAll().where('author_id', '=', member.id).executeTakeFirstOrThrow();
    expect(story.status).toBe('pending');
    expect((await lastMail(member.email))?.kind).toBe('story-received');
    const moderator = await SessionClient.signedInAs(t, db(), (await seedUser(db(), 'moderator')).id);
    const token = csrfFrom(await (await moderator.get(`/moderation/stories/${story.id}`)).text());
    expect((await moderator.post(`/moderation/stories/${story.id}/approve`, { title: story.title, body: story.body, reason: '' }, token)).status).toBe(303);
    expect((await t.request(`/stories/${story.id}`)).status).toBe(200);
    expect((await lastMail(member.email))?.kind).toBe('story-published');
    const other = await makeStory(db());
    expect((await moderator.post(`/moderation/stories/${other}/reject`, {}, token)).status).toBe(303);
    expect((await t.request(`/stories/${other}`)).status).toBe(404);
    // Gone from the queue once decided.
    expect((await moderator.get(`/moderation/stories/${story.id}`)).status).toBe(404);
  });

  test('a story sent in Spanish gets its e-mails in Spanish and is marked as Spanish on the English page', async () => {
    const client = new SessionClient(t);
    const email = `es-${Date.now()}@example.org`;
    const token = csrfFrom(await (await client.get('/es/stories/new')).text());
    const body = new URLSearchParams([...Object.entries(await guardFields(db())), ['title', 'Mi invierno'], ['body', 'Guantes.'], ['displayName', 'Garza'], ['email', email], ['consent-publish', '1'], ['_csrf', token]]);
    const sent = await client.request('/es/stories/new', { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain('Gracias por su historia');
    const mail = await lastMail(email);
    expect(mail?.subject).toContain('Confirme su historia');
    expect(linkIn(mail!.text_body.replace('http://atoz.test/es/', 'http://atoz.test/'), 'confirm')).toBeTruthy();
    const story = await db().selectFrom('stories').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
    expect(story.lang).toBe('es');
    await db().updateTable('stories').set({ status: 'published', published_at: new Date().toISOString() }).where('id', '=', story.id).execute();
    await t.atoz.contentChanged();
    const page = await (await t.request(`/stories/${story.id}`)).text();
    expect(page).toMatch(/<h1 dir="auto" lang="es">\s*Mi invierno/);
  });

  test('a moderator claims a story: another cannot act on it meanwhile, the queue says who has it, and the history lists it', async () => {
    const id = await makeStory(db(), { title: 'Claimed story' });
    const first = await seedUser(db(), 'moderator');
    const a = await SessionClient.signedInAs(t, db(), first.id);
    const b = await SessionClient.signedInAs(t, db(), (await seedUser(db(), 'moderator')).id);
    const tokenA = csrfFrom(await (await a.get(`/moderation/stories/${id}`)).text());
    expect((await a.post(`/moderation/stories/${id}/claim`, {}, tokenA)).status).toBe(303);
    const mine = await (await a.get(`/moderation/stories/${id}`)).text();
    expect(mine).toContain('You have claimed this story.');
    expect(mine).toMatch(/claimed it/);
    const theirs = await (await b.get(`/moderation/stories/${id}`)).text();
    expect(theirs).toContain(`${first.name} has claimed this story.`);
    expect(await (await b.get('/moderation')).text()).toContain(`Claimed story, by Test storyteller (claimed by ${first.name})`);
    const tokenB = csrfFrom(theirs);
    const refused = await b.post(`/moderation/stories/${id}/approve`, { title: 'Claimed story', body: 'Written by a test.', reason: '' }, tokenB);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('Another moderator has claimed this story. Nothing was changed.');
    expect((await b.post(`/moderation/stories/${id}/reject`, {}, tokenB)).status).toBe(409);
    expect((await b.post(`/moderation/stories/${id}/claim`, {}, tokenB)).status).toBe(409);
    expect((await db().selectFrom('stories').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('pending');
    expect((await a.post(`/moderation/stories/${id}/approve`, { title: 'Claimed story', body: 'Written by a test.', reason: '' }, tokenA)).status).toBe(303);
    expect((await t.request(`/stories/${id}`)).status).toBe(200);
  });

  test('consent that runs out takes the story down like a withdrawal (the expiry job)', async () => {
    const id = await makeStory(db(), { status: 'published', pageIds: [await pageId(TOPIC)], title: 'A story that ends' });
    expect((await t.request(`/stories/${id}`)).status).toBe(200);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await db().updateTable('story_consents').set({ expires_on: yesterday }).where('story_id', '=', id).where('purpose', '=', 'publish').execute();
    // Hidden as soon as the day comes, before the job runs.
    expect(await (await t.request('/stories')).text()).not.toContain('A story that ends');
    expect(await sitemap()).not.toContain(`/stories/${id}<`);
    await db().updateTable('jobs').set({ run_at: new Date(0).toISOString() }).where('key', '=', 'stories.expire-consents').execute();
    const runs = (await t.atoz.jobs.worker.runDue()).filter((r) => r.key === 'stories.expire-consents');
    expect(runs.length).toBe(1);
    const row = await db().selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.status, row.body]).toEqual(['withdrawn', '']);
    const gone = await t.request(`/stories/${id}`);
    expect(gone.status).toBe(410);
    expect(await gone.text()).toContain('This story was withdrawn');
  });

  test('a published story without a granted publish consent is nowhere: not listed, not on its page, not in the sitemap', async () => {
    const id = await makeStory(db(), { status: 'published', pageIds: [await pageId(TOPIC)], title: 'Consent declined' });
    await db().updateTable('story_consents').set({ granted: 0 }).where('story_id', '=', id).where('purpose', '=', 'publish').execute();
    await t.atoz.contentChanged();
    expect((await t.request(`/stories/${id}`)).status).toBe(404);
    expect(await (await t.request('/stories')).text()).not.toContain('Consent declined');
    expect(await (await t.request(`/directory/${TOPIC}`)).text()).not.toContain('Consent declined');
    expect(await sitemap()).not.toContain(`/stories/${id}<`);
  });

  test('hostile text in story titles, texts and names renders harmless on every page that shows it', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const id = await makeStory(db(), { status: 'published', pageIds: [await pageId(TOPIC)], title: `<script>alert(1)</script> "><svg onload=alert(1)>`, body: XSS_PAYLOADS.map((p) => p.markdown).join('\n\n') });
    await db().updateTable('stories').set({ display_name: hostile, country: hostile }).where('id', '=', id).execute();
    const pending = await makeStory(db(), { title: hostile, body: XSS_PAYLOADS.map((p) => p.markdown).join('\n\n') });
    const moderator = await SessionClient.signedInAs(t, db(), (await seedUser(db(), 'moderator')).id);
    const pages = [
      await (await t.request(`/stories/${id}`)).text(),
      await (await t.request('/stories')).text(),
      await (await t.request(`/directory/${TOPIC}`)).text(),
      await (await moderator.get('/moderation')).text(),
      await (await moderator.get(`/moderation/stories/${pending}`)).text(),
    ];
    for (const html of pages) expect(unsafeMarkup(html)).toEqual([]);
    expect(pages[0]).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(unsafeMarkup('<p><img src="x" onerror="alert(1)"><script>alert(1)</script></p>')).toEqual(['<img>', 'img onerror', '<script>']);
    const review = await (await t.request(await storyLink(db(), 'review', await makeStory(db(), { status: 'awaiting-storyteller', proposed: { title: hostile, body: XSS_PAYLOADS.map((p) => p.markdown).join('\n\n'), reason: hostile } })))).text();
    expect(unsafeMarkup(review)).toEqual([]);
  });

  // Last: it uses up this client address's budget of story forms.
  test('past the limit of stories from one address, the form comes back with the text and 429', async () => {
    const client = new SessionClient(t);
    let last: Response | undefined;
    for (let i = 0; i < 12 && last?.status !== 429; i++) last = await send(client, [['title', 'Again and again'], ['body', 'Kept text'], ['displayName', 'Wren'], ['email', `many-${i}-${Date.now()}@example.org`], ['consent-publish', '1']]);
    expect(last?.status).toBe(429);
    const html = await last!.text();
    expect(html).toContain('value="Again and again"');
    expect(html).toContain('Kept text');
    expect(html).toContain('Many stories were sent from your connection recently');
  });
});

/** Markup a hostile text could have smuggled in (the same check as the forums' hostile-text test). */
function unsafeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const m of html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:="[^"]*")?)*)\s*\/?>/g)) {
    const tag = m[1]!.toLowerCase();
    const attributes = [...m[2]!.matchAll(/\s+([^\s=>]+)(?:="([^"]*)")?/g)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''] as const);
    const own = tag === 'script' && attributes.some(([n, v]) => (n === 'src' && v.startsWith('/assets/')) || (n === 'type' && v === 'application/ld+json'));
    if (['script', 'img', 'svg', 'iframe', 'object', 'embed', 'style', 'base'].includes(tag) && !own) found.push(`<${tag}>`);
    if (tag === 'form' && attributes.some(([n, v]) => n === 'action' && !v.startsWith('/'))) found.push(`<form action=${attributes.find(([n]) => n === 'action')?.[1]}>`);
    for (const [name, value] of attributes) {
      if (name.startsWith('on')) found.push(`${tag} ${name}`);
      if ((name === 'href' || name === 'src' || name === 'action') && /^\s*(javascript|data|vbscript):|^\/\//i.test(value.replace(/&#x?[0-9a-f]+;/gi, ''))) found.push(`${tag} ${name}=${value}`);
    }
  }
  return found;
}
