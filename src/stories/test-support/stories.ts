import { loadSigningKey } from '../../accounts/signing-keys.js';
import type { Db } from '../../db/database.js';
import type { StoryStatus } from '../../db/schema.js';
import { storyLinkPath } from '../links.js';
import { createStoryStore } from '../store.js';

let seq = 0;

/** A story written straight to the store, in the given state (a test's own: the demo ships none). */
export async function makeStory(db: Db, options: { status?: StoryStatus; pageIds?: number[]; title?: string; body?: string; publishUntil?: string | null; proposed?: { title: string; body: string; reason: string } } = {}) {
  const store = createStoryStore(db);
  const status = options.status ?? 'pending';
  const id = await db.transaction().execute((tx) =>
    store.submit(tx, {
      title: options.title ?? `Test story ${process.pid}-${++seq}`,
      body: options.body ?? 'Written by a test.',
      displayName: 'Test storyteller',
      nameKind: 'pseudonym',
      country: '',
      email: `story-${process.pid}-${seq}@example.org`,
      authorId: null,
      lang: 'en',
      pageIds: options.pageIds ?? [],
      consents: [
        { purpose: 'publish', granted: true, expiresOn: options.publishUntil ?? null },
        { purpose: 'translate', granted: false, expiresOn: null },
        { purpose: 'newsletter', granted: false, expiresOn: null },
      ],
      confirmed: status !== 'unconfirmed',
    }),
  );
  // Published as a moderator publishes it, so it is in search too.
  if (status === 'published') await db.transaction().execute((tx) => store.publish(tx, id, 0));
  else if (status === 'awaiting-storyteller') {
    const p = options.proposed ?? { title: 'Edited title', body: 'Edited text', reason: 'A place name removed' };
    await db.updateTable('stories').set({ status, proposed_title: p.title, proposed_body: p.body, edit_reason: p.reason }).where('id', '=', id).execute();
  } else if (status !== 'pending' && status !== 'unconfirmed') await db.updateTable('stories').set({ status }).where('id', '=', id).execute();
  return id;
}

/** The storyteller's signed link for a story, as the e-mail carries it. */
export async function storyLink(db: Db, purpose: 'confirm' | 'withdraw' | 'review', id: number): Promise<string> {
  return storyLinkPath(await loadSigningKey(db, 'story-links'), purpose, id);
}
