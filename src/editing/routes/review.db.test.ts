import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { skipWithoutDatabase } from '../../../test/support/database.js';
import type { Role } from '../../accounts/context.js';
import { SessionClient, seedUser } from '../../accounts/test-support/session-client.js';
import { createDirectoryStore } from '../../directory/store.js';
import { createEditingService } from '../service/index.js';
import { actorFor, addRevision, pageInState } from '../test-support/fixtures.js';
import { unescape } from '../test-support/form-html.js';

const skip = await skipWithoutDatabase();

/** The reviewer's screen: the rendered revision, what changed since the last reviewed one, the checklist, approve or send back. */
describe.skipIf(skip)('the review screen', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;
  const service = () => createEditingService({ db: db(), store: createDirectoryStore(db()) });
  const person = async (role: Role, name: string) => {
    const user = await seedUser(db(), role, { name });
    return { user, actor: actorFor({ ...user, role }), client: await SessionClient.signedInAs(t, db(), user.id) };
  };

  /** A published page with a newer revision sent for review, by `author`. */
  async function waitingForReview(author: Awaited<ReturnType<typeof person>>, reviewer: Awaited<ReturnType<typeof person>>, words: string) {
    const { slug, revision: published } = await pageInState(db(), 'published', { author: author.actor, reviewer: reviewer.actor });
    const second = await addRevision(db(), slug, author.actor, words);
    await service().submit(second.id, author.actor);
    return { slug, published, second };
  }

  test('shows the reviewer what changed since the published revision, the checklist and the page, with both decisions', async () => {
    const author = await person('editor', 'Asha Author');
    const reviewer = await person('reviewer', 'Dr Rui Reviewer');
    const { slug, published, second } = await waitingForReview(author, reviewer, 'Cold fingers can turn white when it is cold.');
    const res = await reviewer.client.get(`/edit/${slug}/review`);
    expect(res.status).toBe(200);
    const html = unescape(await res.text());
    expect(html).toContain(`<h1>Review revision ${second.number} of “${second.title}”</h1>`);
    expect(html).toContain(`Compared with revision ${published.number} of`);
    const inserted = [...html.matchAll(/<ins>([\s\S]*?)<\/ins>/g)].map((m) => m[1]).join(' ');
    // The sample page says "Cold hands can turn white or blue."
    expect(inserted).toContain('fingers');
    expect(inserted).toContain('when it is cold');
    expect([...html.matchAll(/<del>([\s\S]*?)<\/del>/g)].map((m) => m[1]).join(' ')).toContain('hands');
    expect(html).toContain('id="checklist-title"');
    expect(html).toMatch(/<div class="preview-body"[^>]*><article class="topic"[\s\S]*Cold fingers can turn white/);
    expect(html).toContain(`action="/edit/${slug}/approve"`);
    expect(html).toContain(`action="/edit/${slug}/send-back"`);
    expect(html).toContain(`Approve revision ${second.number} as medically reviewed`);
  });

  test('sending back needs a comment; the comment comes back when missing, and nothing changes', async () => {
    const author = await person('editor', 'Bo Author');
    const reviewer = await person('reviewer', 'Dr Bea Reviewer');
    const { slug, second } = await waitingForReview(author, reviewer, 'A sentence that needs a source.');
    const empty = await reviewer.client.post(`/edit/${slug}/send-back`, { revisionId: String(second.id), comment: '   ' });
    expect(empty.status).toBe(400);
    expect(unescape(await empty.text())).toContain('Write what needs to change, so the author knows what to do.');
    const tooLong = await reviewer.client.post(`/edit/${slug}/send-back`, { revisionId: String(second.id), comment: `Please ${'x'.repeat(4000)}` });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain(`Please ${'x'.repeat(4000)}</textarea>`);
    expect((await service().read.byId(second.id))!.state).toBe('in_review');
  });

  test('sent back with a comment: a draft again, the author reads the comment in the editor until sending it for review again', async () => {
    const author = await person('editor', 'Cy Author');
    const reviewer = await person('reviewer', 'Dr Cal Reviewer');
    const { slug, second } = await waitingForReview(author, reviewer, 'Most people recover fully.');
    const comment = 'Which study says “most”? Please cite it,\nor soften the claim.';
    const res = await reviewer.client.post(`/edit/${slug}/send-back`, { revisionId: String(second.id), comment });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/edit/${slug}?notice=sent-back`);
    expect((await service().read.byId(second.id))!.state).toBe('draft');
    expect(unescape(await (await reviewer.client.get(res.headers.get('location')!)).text())).toContain('Sent back to the author with your comment.');

    const editor = unescape(await (await author.client.get(`/edit/${slug}`)).text());
    expect(editor).toContain('The reviewer sent this back');
    expect(editor).toContain(`Dr Cal Reviewer sent revision ${second.number} back on`);
    expect(editor).toContain('Which study says “most”? Please cite it,<br/>or soften the claim.');

    // Sent for review again: the comment leaves the editor and stays on the review screen for the next reviewer.
    await service().submit(second.id, author.actor);
    const again = unescape(await (await author.client.get(`/edit/${slug}`)).text());
    expect(again).not.toContain('The reviewer sent this back');
    const screen = unescape(await (await reviewer.client.get(`/edit/${slug}/review`)).text());
    expect(screen).toContain('What reviewers said before');
    expect(screen).toContain('Which study says “most”? Please cite it,');
    // Once sent back, it cannot be sent back twice.
    await service().sendBack(second.id, reviewer.actor, 'First.');
    const twice = await reviewer.client.post(`/edit/${slug}/send-back`, { revisionId: String(second.id), comment: 'Second.' });
    expect(twice.status).toBe(409);
  });

  test('the author sees the screen without the decisions; a reviewer who wrote the revision may not decide on it', async () => {
    const author = await person('editor', 'Di Author');
    const reviewer = await person('reviewer', 'Dr Dee Reviewer');
    const { slug } = await waitingForReview(author, reviewer, 'Words by an editor.');
    const seenByAuthor = unescape(await (await author.client.get(`/edit/${slug}/review`)).text());
    expect(seenByAuthor).toContain('Only a medical reviewer can approve a revision or send it back.');
    expect(seenByAuthor).not.toContain('/send-back"');

    const own = await waitingForReview(reviewer, author, 'Words by a reviewer.');
    const seenByWriter = unescape(await (await reviewer.client.get(`/edit/${own.slug}/review`)).text());
    expect(seenByWriter).toContain('You wrote this revision, so another reviewer must approve it.');
    expect(seenByWriter).not.toContain('/send-back"');
  });

  test('the dashboard sends reviewers to the review screen, and the editor offers it instead of approving blind', async () => {
    const author = await person('editor', 'Eve Author');
    const reviewer = await person('reviewer', 'Dr Eli Reviewer');
    const { slug, second } = await waitingForReview(author, reviewer, 'A change to review.');
    const dashboard = await (await reviewer.client.get('/dashboard')).text();
    expect(dashboard).toContain(`href="/edit/${slug}/review?revision=${second.id}"`);
    const editor = await (await reviewer.client.get(`/edit/${slug}`)).text();
    expect(editor).toContain(`href="/edit/${slug}/review?revision=${second.id}"`);
    expect(editor).not.toContain(`action="/edit/${slug}/approve"`);
  });
});
