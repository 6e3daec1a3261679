/**
 * A person's stories in their data download, and what deleting their account
 * does to them. A story belongs to the account that sent it and to the address
 * it was sent from (stories can be sent before signing up). "keep" leaves
 * each story as its own consent says (the link in its e-mail still withdraws
 * it); "remove" withdraws and erases every one at once, as a withdrawal does.
 */
import { sql } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import type { DataSubject, PersonalData } from '../domain.js';
import type { StoryStore } from './store.js';

function storiesOf(executor: Db | Tx, subject: DataSubject) {
  return executor
    .selectFrom('stories')
    .where((eb) => eb.or([eb('author_id', '=', subject.userId), eb(sql<string>`lower(email)`, '=', subject.email.toLowerCase())]))
    .orderBy('id');
}

export function storiesPersonalData(db: Db, store: StoryStore): PersonalData {
  return {
    section: 'stories',
    async export(subject) {
      const stories = await storiesOf(db, subject).selectAll().execute();
      if (!stories.length) return [];
      const ids = stories.map((s) => s.id);
      const [topics, consents] = await Promise.all([
        db.selectFrom('story_topics').innerJoin('pages', 'pages.id', 'story_topics.page_id').select(['story_topics.story_id', 'pages.slug']).where('story_topics.story_id', 'in', ids).orderBy('pages.slug').execute(),
        db.selectFrom('story_consents').selectAll().where('story_id', 'in', ids).orderBy('id').execute(),
      ]);
      return stories.map((s) => ({
        id: s.id,
        status: s.status,
        title: s.title,
        body: s.body,
        proposedEdit: s.proposed_body === null ? null : { title: s.proposed_title, body: s.proposed_body, reason: s.edit_reason },
        displayName: s.display_name,
        nameKind: s.name_kind,
        country: s.country,
        language: s.lang,
        email: s.email,
        sentAt: s.created_at,
        confirmedAt: s.confirmed_at,
        publishedAt: s.published_at,
        withdrawnAt: s.withdrawn_at,
        erasedAt: s.taken_down_at,
        topics: topics.filter((t) => t.story_id === s.id).map((t) => t.slug),
        consents: consents
          .filter((c) => c.story_id === s.id)
          .map((c) => ({ purpose: c.purpose, granted: c.granted === 1, consentTextVersion: c.text_version, until: c.expires_on, recordedAt: c.recorded_at, withdrawnAt: c.withdrawn_at })),
      }));
    },
    async erase(tx, subject, published) {
      if (published === 'keep') return false; // The account link goes with the account row (on delete set null).
      let changed = false;
      for (const { id } of await storiesOf(tx, subject).select('id').execute()) {
        await store.withdraw(tx, id);
        if (await store.takeDown(tx, id)) changed = true;
      }
      return changed;
    },
  };
}
