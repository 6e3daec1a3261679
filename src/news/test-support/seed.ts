import type { Db } from '../../db/database.js';
import type { NewsState } from '../../db/schema.js';
import type { NewsDraftInput } from '../document.js';
import { createNewsStore } from '../store.js';

let seq = 0;

/** A valid draft with a fresh address; `overrides` change any field. */
export function newsDraft(overrides: Partial<NewsDraftInput> = {}): NewsDraftInput {
  seq += 1;
  return {
    slug: `test-news-${Date.now().toString(36)}-${seq}`,
    headline: `A test news item ${seq}`,
    summary: 'What the test report said, in plain words.',
    body: 'More about it, with a link to [[Causes: Silica]].',
    outlet: 'Test Times',
    sourceDate: '2024-02-01',
    topicSlugs: [],
    ...overrides,
  };
}

/** An item in the given state, through the store's own workflow (signed off before publishing). */
export async function seedNews(db: Db, state: NewsState, overrides: Partial<NewsDraftInput> = {}, options: { signedOff?: boolean; clock?: () => Date } = {}): Promise<number> {
  const store = createNewsStore(db, options.clock);
  const id = await store.save(newsDraft(overrides));
  if (state === 'draft') return id;
  await store.submit(id);
  if (state === 'review' && !options.signedOff) return id;
  await store.signOff(id, 'Dr Test Clinician');
  if (state === 'published') await store.publish(id);
  return id;
}
