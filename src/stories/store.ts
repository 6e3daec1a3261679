/**
 * Stories: the write side (submit, confirm, moderate, the storyteller's
 * approval, withdrawal and take-down) and the read side. A story is public
 * only while it is published, not withdrawn, and its publish consent is
 * granted and not past its end date: every public query goes through
 * `publicStories()`, so nothing else needs to remember the rule. Search
 * holds a story exactly while it is public: each change that publishes,
 * withdraws or takes one down puts it in or takes it out, in its transaction.
 */
import type { Selectable } from 'kysely';
import type { Db, Tx } from '../db/database.js';
import { bumpContentVersion } from '../directory/store.js';
import type { StoriesTable, StoryConsentPurpose, StoryStatus } from '../db/schema.js';
import { plainText } from '../editing/readability.js';
import { type Lang, isLang } from '../i18n/languages.js';
import { RECORD_MATCH_LIMIT, createRecordIndex } from '../search/records.js';
import { type Segment, snippet } from '../search/snippet.js';

export type StoryRow = Selectable<StoriesTable>;

export const PURPOSES: readonly StoryConsentPurpose[] = ['publish', 'translate', 'newsletter'];
/** The version of the consent words (messages consentPublish…): a new wording gets a new version. */
export const CONSENT_TEXT_VERSION = '2026-12-01';
export const TITLE_MAX = 150;
export const BODY_MAX = 20_000;
export const NAME_MAX = 60;
export const COUNTRY_MAX = 80;
export const TOPICS_MAX = 5;
export const STORIES_PER_PAGE = 20;

export interface ConsentInput {
  purpose: StoryConsentPurpose;
  granted: boolean;
  expiresOn: string | null;
}

export interface StoryInput {
  title: string;
  body: string;
  displayName: string;
  nameKind: 'pseudonym' | 'name';
  country: string;
  email: string;
  authorId: number | null;
  lang: string;
  pageIds: number[];
  consents: ConsentInput[];
  /** An address already confirmed (a signed-in account): straight to the queue. */
  confirmed: boolean;
}

export interface StorySummary {
  id: number;
  title: string;
  displayName: string;
  country: string;
  publishedAt: string;
}

export const STORY_SOURCE = 'story';

export interface StoryHit extends StorySummary {
  lang: Lang | null;
  snippet: Segment[];
}

export interface QueuedStory {
  id: number;
  title: string;
  displayName: string;
  createdAt: string;
  claimedByName: string | null;
}

/** A claim older than this lapses, as in the forums' queue. */
export const CLAIM_LAPSES_MS = 30 * 60 * 1000;

const day = (at: Date) => at.toISOString().slice(0, 10);

export function createStoryStore(db: Db, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();

  /** Published stories a reader may see now (see the file comment). */
  const publicStories = (executor: Db | Tx = db) =>
    executor
      .selectFrom('stories')
      .where('stories.status', '=', 'published')
      .where('stories.withdrawn_at', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('story_consents')
            .select('story_consents.id')
            .whereRef('story_consents.story_id', '=', 'stories.id')
            .where('story_consents.purpose', '=', 'publish')
            .where('story_consents.granted', '=', 1)
            .where('story_consents.withdrawn_at', 'is', null)
            .where((e) => e.or([e('story_consents.expires_on', 'is', null), e('story_consents.expires_on', '>', day(clock()))])),
        ),
      );

  const records = createRecordIndex(db);
  /** Puts the story in search if it is public now, or takes it out. */
  async function index(tx: Tx, id: number): Promise<void> {
    const story = await publicStories(tx).select(['stories.title', 'stories.body', 'stories.lang']).where('stories.id', '=', id).executeTakeFirst();
    if (story) await records.put(tx, STORY_SOURCE, id, { title: story.title, body: story.body, lang: isLang(story.lang) ? story.lang : 'en' });
    else await records.remove(tx, STORY_SOURCE, [id]);
  }

  /** The story is free for this moderator: unclaimed, theirs, or claimed long enough ago to have lapsed. */
  const freeFor = (moderatorId: number) => (eb: any) => eb.or([eb('claimed_by', 'is', null), eb('claimed_by', '=', moderatorId), eb('claimed_at', '<=', new Date(clock().getTime() - CLAIM_LAPSES_MS).toISOString())]);

  const summaries = (rows: Array<{ id: number; title: string; display_name: string; country: string; published_at: string | null }>): StorySummary[] =>
    rows.map((r) => ({ id: r.id, title: r.title, displayName: r.display_name, country: r.country, publishedAt: r.published_at ?? '' }));

  return {
    publicStories,

    async submit(tx: Tx, input: StoryInput): Promise<number> {
      const at = now();
      const row = await tx
        .insertInto('stories')
        .values({
          status: input.confirmed ? 'pending' : 'unconfirmed',
          title: input.title,
          body: input.body,
          proposed_title: null,
          proposed_body: null,
          edit_reason: null,
          author_id: input.authorId,
          email: input.email,
          display_name: input.displayName,
          name_kind: input.nameKind,
          country: input.country,
          lang: input.lang,
          created_at: at,
          confirmed_at: input.confirmed ? at : null,
          published_at: null,
          withdrawn_at: null,
          taken_down_at: null,
          claimed_by: null,
          claimed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.pageIds.length) await tx.insertInto('story_topics').values(input.pageIds.map((page_id) => ({ story_id: row.id, page_id }))).execute();
      await tx
        .insertInto('story_consents')
        .values(input.consents.map((c) => ({ story_id: row.id, purpose: c.purpose, granted: c.granted ? 1 : 0, text_version: CONSENT_TEXT_VERSION, expires_on: c.granted ? c.expiresOn : null, recorded_at: at, withdrawn_at: null })))
        .execute();
      return row.id;
    },

    byId: (id: number, executor: Db | Tx = db) => executor.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst(),

    consents: (storyId: number) => db.selectFrom('story_consents').selectAll().where('story_id', '=', storyId).orderBy('id').execute(),

    topics: (storyId: number) =>
      db.selectFrom('story_topics').innerJoin('pages', 'pages.id', 'story_topics.page_id').select(['pages.slug', 'pages.title']).where('story_topics.story_id', '=', storyId).where('pages.deleted_at', 'is', null).orderBy('pages.title').execute(),

    /** The address is confirmed: the story joins the moderators' queue. False when it was not waiting for that. */
    async confirm(tx: Tx, id: number): Promise<boolean> {
      const r = await tx.updateTable('stories').set({ status: 'pending', confirmed_at: now() }).where('id', '=', id).where('status', '=', 'unconfirmed').where('withdrawn_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Stories waiting for a moderator, oldest first, with who claimed them. */
    queue: (): Promise<QueuedStory[]> =>
      db
        .selectFrom('stories')
        .leftJoin('users as claimer', 'claimer.id', 'stories.claimed_by')
        .select(['stories.id', 'stories.title', 'stories.display_name', 'stories.created_at', 'stories.claimed_at', 'claimer.name as claimer_name'])
        .where('stories.status', '=', 'pending')
        .where('stories.withdrawn_at', 'is', null)
        .orderBy('stories.created_at')
        .orderBy('stories.id')
        .limit(200)
        .execute()
        .then((rows) => rows.map((r) => ({ id: r.id, title: r.title, displayName: r.display_name, createdAt: r.created_at, claimedByName: r.claimer_name && Date.parse(r.claimed_at ?? '') > clock().getTime() - CLAIM_LAPSES_MS ? r.claimer_name : null }))),

    /** Takes a story so two moderators do not act at once; false when someone else holds a fresh claim. */
    async claim(tx: Tx, id: number, moderatorId: number): Promise<boolean> {
      const r = await tx
        .updateTable('stories')
        .set({ claimed_by: moderatorId, claimed_at: now() })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where(freeFor(moderatorId))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Whether someone other than this moderator holds a fresh claim on the story. */
    claimedByOther(story: Pick<StoryRow, 'claimed_by' | 'claimed_at'>, moderatorId: number): boolean {
      if (!story.claimed_by || story.claimed_by === moderatorId) return false;
      return Date.parse(story.claimed_at ?? '') > clock().getTime() - CLAIM_LAPSES_MS;
    },

    /** A moderator lets the story through unchanged: it is published. */
    async publish(tx: Tx, id: number, moderatorId: number): Promise<boolean> {
      const r = await tx.updateTable('stories').set({ status: 'published', published_at: now(), claimed_by: null, claimed_at: null }).where('id', '=', id).where('status', '=', 'pending').where('withdrawn_at', 'is', null).where(freeFor(moderatorId)).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await index(tx, id);
      await bumpContentVersion(tx);
      return true;
    },

    /** A moderator's edit for privacy: it waits for the storyteller's approval before anything is published. */
    async proposeEdit(tx: Tx, id: number, edit: { title: string; body: string; reason: string }, moderatorId: number): Promise<boolean> {
      const r = await tx
        .updateTable('stories')
        .set({ status: 'awaiting-storyteller', proposed_title: edit.title, proposed_body: edit.body, edit_reason: edit.reason, claimed_by: null, claimed_at: null })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('withdrawn_at', 'is', null)
        .where(freeFor(moderatorId))
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** The storyteller approves the edited text: it replaces theirs and is published. */
    async approveEdit(tx: Tx, id: number): Promise<boolean> {
      const story = await tx.selectFrom('stories').selectAll().where('id', '=', id).executeTakeFirst();
      if (!story || story.status !== 'awaiting-storyteller' || story.withdrawn_at || story.proposed_body === null) return false;
      await tx
        .updateTable('stories')
        .set({ status: 'published', title: story.proposed_title ?? story.title, body: story.proposed_body, proposed_title: null, proposed_body: null, published_at: now() })
        .where('id', '=', id)
        .execute();
      await index(tx, id);
      await bumpContentVersion(tx);
      return true;
    },

    async reject(tx: Tx, id: number, moderatorId: number): Promise<boolean> {
      const r = await tx.updateTable('stories').set({ status: 'rejected', claimed_by: null, claimed_at: null }).where('id', '=', id).where('status', '=', 'pending').where(freeFor(moderatorId)).executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /**
     * The storyteller withdraws every consent: the story is hidden from this instant
     * (every public query checks withdrawn_at); the take-down job erases it. False when already withdrawn.
     */
    async withdraw(tx: Tx, id: number): Promise<boolean> {
      const at = now();
      const r = await tx.updateTable('stories').set({ withdrawn_at: at }).where('id', '=', id).where('withdrawn_at', 'is', null).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await tx.updateTable('story_consents').set({ withdrawn_at: at }).where('story_id', '=', id).where('withdrawn_at', 'is', null).execute();
      await index(tx, id);
      await bumpContentVersion(tx);
      return true;
    },

    /** Published stories whose publish consent ran out and that are not yet withdrawn (for the expiry job). */
    async expired(): Promise<number[]> {
      const rows = await db
        .selectFrom('stories')
        .innerJoin('story_consents', 'story_consents.story_id', 'stories.id')
        .select('stories.id')
        .where('stories.withdrawn_at', 'is', null)
        .where('stories.status', 'in', ['published', 'pending', 'awaiting-storyteller', 'unconfirmed'] satisfies StoryStatus[])
        .where('story_consents.purpose', '=', 'publish')
        .where('story_consents.expires_on', '<=', day(clock()))
        .execute();
      return rows.map((r) => r.id);
    },

    /** Takes a withdrawn story down for good: its words are erased, pages everywhere change. Idempotent. */
    async takeDown(tx: Tx, id: number): Promise<boolean> {
      const r = await tx
        .updateTable('stories')
        .set({ status: 'withdrawn', title: '', body: '', proposed_title: null, proposed_body: null, edit_reason: null, taken_down_at: now() })
        .where('id', '=', id)
        .where('withdrawn_at', 'is not', null)
        .where('taken_down_at', 'is', null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      await tx.deleteFrom('story_topics').where('story_id', '=', id).execute();
      await index(tx, id);
      await bumpContentVersion(tx);
      return true;
    },

    /** Public stories holding every word of `text`, best first: one page of them, and how many there are. */
    async search(text: string, lang: Lang, page: number, perPage = STORIES_PER_PAGE): Promise<{ hits: StoryHit[]; total: number; capped: boolean; page: number; pageCount: number }> {
      const matches = await records.match(STORY_SOURCE, text, lang);
      const order = new Map(matches.map((m, i) => [m.refId, i]));
      const rows = matches.length
        ? await publicStories()
            .select(['stories.id', 'stories.title', 'stories.body', 'stories.display_name', 'stories.country', 'stories.published_at', 'stories.lang'])
            .where('stories.id', 'in', matches.map((m) => m.refId))
            .execute()
        : [];
      rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
      const pageCount = Math.max(1, Math.ceil(rows.length / perPage));
      const shown = Math.min(Math.max(1, page), pageCount);
      const marked = records.termsOf(text, lang);
      const hits = rows.slice((shown - 1) * perPage, shown * perPage).map((r) => {
        const storyLang = isLang(r.lang) ? r.lang : null;
        return { ...summaries([r])[0]!, lang: storyLang, snippet: snippet(plainText(r.body), marked, storyLang ?? lang).segments };
      });
      return { hits, total: rows.length, capped: matches.length >= RECORD_MATCH_LIMIT, page: shown, pageCount };
    },

    /** Public stories search lacks (sent before search covered stories); run at start. Returns how many. */
    async indexMissing(): Promise<number> {
      const missing = await publicStories()
        .leftJoin('search_records', (j) => j.onRef('search_records.ref_id', '=', 'stories.id').on('search_records.source', '=', STORY_SOURCE))
        .select('stories.id')
        .where('search_records.id', 'is', null)
        .execute();
      for (const { id } of missing) await db.transaction().execute((tx) => index(tx, id));
      return missing.length;
    },

    async publishedPage(page: number) {
      const total = Number((await publicStories().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const rows = await publicStories()
        .select(['stories.id', 'stories.title', 'stories.display_name', 'stories.country', 'stories.published_at'])
        .orderBy('stories.published_at', 'desc')
        .orderBy('stories.id', 'desc')
        .limit(STORIES_PER_PAGE)
        .offset((page - 1) * STORIES_PER_PAGE)
        .execute();
      return { items: summaries(rows), total, page, pageCount: Math.max(1, Math.ceil(total / STORIES_PER_PAGE)) };
    },

    /** Published stories tagged with any of these pages (a topic and its sub-pages). */
    async forPages(pageIds: number[], limit: number): Promise<StorySummary[]> {
      if (!pageIds.length) return [];
      const rows = await publicStories()
        .where('stories.id', 'in', (eb) => eb.selectFrom('story_topics').select('story_topics.story_id').where('story_topics.page_id', 'in', pageIds))
        .select(['stories.id', 'stories.title', 'stories.display_name', 'stories.country', 'stories.published_at'])
        .orderBy('stories.published_at', 'desc')
        .orderBy('stories.id', 'desc')
        .limit(limit)
        .execute();
      return summaries(rows);
    },

    async isPublic(id: number): Promise<boolean> {
      return Boolean(await publicStories().select('stories.id').where('stories.id', '=', id).executeTakeFirst());
    },

    /** The newest public stories, whole (for the feeds). */
    latestPublic: (limit: number) =>
      publicStories()
        .select(['stories.id', 'stories.title', 'stories.body', 'stories.display_name', 'stories.country', 'stories.published_at', 'stories.lang'])
        .orderBy('stories.published_at', 'desc')
        .orderBy('stories.id', 'desc')
        .limit(limit)
        .execute(),

    /** For the sitemap: public stories only. */
    publicIds: () => publicStories().select(['stories.id', 'stories.published_at']).orderBy('stories.id').execute(),
  };
}

export type StoryStore = ReturnType<typeof createStoryStore>;
