/**
 * What changed, for digests. Each domain that has something worth telling
 * followers declares a ChangeSource (Domain.changeSources); the digest asks
 * every source for the changes in a time window and gives each follower the
 * ones on what they follow. A change on a page counts for that page and for
 * every page above it (following a topic includes its sub-pages); a change
 * with no page counts for followers of the whole site only.
 */
import type { Db } from '../../db/database.js';
import { type StudyTypeId, studyTypeFromPubTypes } from '../../citations/study-type.js';

export type ChangeKind = 'revision' | 'research' | 'review' | 'news';

export interface Change {
  /** Stable and unique across sources: "revision:123", "news:9". */
  id: string;
  kind: ChangeKind;
  /** ISO instant it happened. */
  at: string;
  /** The pages it concerns (a news item may name several topics); empty: the whole site. */
  pageIds: number[];
  /** The page or item title. */
  title: string;
  /** Site path to read it: "/directory/causes-silica". */
  path: string;
  /** One line in our words: the edit summary, the study's title, the news summary. */
  detail: string;
  /** For research digests: the study type, worded in each follower's language when the e-mail is written. */
  studyType?: StudyTypeId;
}

export interface ChangeSource {
  /** "directory", "news". */
  name: string;
  /** Changes with from < at <= to. */
  changesBetween(db: Db, from: string, to: string): Promise<Change[]>;
}

const researchKeys = (document: string): string[] => {
  try {
    const doc = JSON.parse(document) as { sections?: Array<{ entries?: Array<{ kind: string; citationKey?: string }> }> };
    return (doc.sections ?? []).flatMap((s) => (s.entries ?? []).filter((e) => e.kind === 'research' && e.citationKey).map((e) => e.citationKey!));
  } catch {
    return [];
  }
};

/**
 * The directory's own changes: page revisions published (with the edit
 * summary), the research digests they added (with the study type), and
 * medical reviews done (a published revision that a reviewer approved).
 */
export const directoryChanges: ChangeSource = {
  name: 'directory',
  async changesBetween(db, from, to) {
    const published = await db
      .selectFrom('page_revisions')
      .select(['id', 'page_key', 'number', 'slug', 'title', 'summary', 'document', 'published_at', 'reviewed_at'])
      .where('published_at', '>', from)
      .where('published_at', '<=', to)
      .where('page_key', 'like', 'page:%')
      .orderBy('published_at')
      .execute();
    const changes: Change[] = [];
    for (const rev of published) {
      const pageId = Number(rev.page_key.slice('page:'.length));
      if (!Number.isInteger(pageId)) continue;
      const path = `/directory/${rev.slug}`;
      const at = rev.published_at!;
      changes.push({ id: `revision:${rev.id}`, kind: 'revision', at, pageIds: [pageId], title: rev.title, path, detail: rev.summary });
      if (rev.reviewed_at) changes.push({ id: `review:${rev.id}`, kind: 'review', at, pageIds: [pageId], title: rev.title, path, detail: '' });
      const previous = await db
        .selectFrom('page_revisions')
        .select('document')
        .where('page_key', '=', rev.page_key)
        .where('number', '<', rev.number)
        .where('published_at', 'is not', null)
        .orderBy('number', 'desc')
        .limit(1)
        .executeTakeFirst();
      const before = new Set(previous ? researchKeys(previous.document) : []);
      const added = [...new Set(researchKeys(rev.document))].filter((k) => !before.has(k));
      if (!added.length) continue;
      const citations = await db.selectFrom('citations').select(['key', 'title', 'pub_types']).where('key', 'in', added).execute();
      for (const c of citations) {
        let pubTypes: string[] = [];
        try {
          pubTypes = JSON.parse(c.pub_types) as string[];
        } catch {
          pubTypes = [];
        }
        changes.push({ id: `research:${rev.id}:${c.key}`, kind: 'research', at, pageIds: [pageId], title: rev.title, path, detail: c.title, studyType: studyTypeFromPubTypes(pubTypes).id });
      }
    }
    return changes;
  },
};

/** page id → its id and the ids of every page above it. */
export function ancestorsOf(pages: ReadonlyArray<{ id: number; parent_id: number | null }>): Map<number, number[]> {
  const parent = new Map(pages.map((p) => [p.id, p.parent_id]));
  const out = new Map<number, number[]>();
  for (const p of pages) {
    const chain: number[] = [];
    let at: number | null | undefined = p.id;
    // A cycle cannot be saved, but a broken row must not hang the digest.
    while (at != null && chain.length < 100 && !chain.includes(at)) {
      chain.push(at);
      at = parent.get(at);
    }
    out.set(p.id, chain);
  }
  return out;
}

/** Changes by topic key ("site", "page:<id>"), each under its pages and all their ancestors, newest last. */
export function changesByTopic(changes: readonly Change[], ancestors: ReadonlyMap<number, number[]>): Map<string, Change[]> {
  const byTopic = new Map<string, Change[]>([['site', [...changes]]]);
  for (const change of changes) {
    const topics = new Set<number>();
    for (const id of change.pageIds) for (const a of ancestors.get(id) ?? [id]) topics.add(a);
    for (const id of topics) {
      const key = `page:${id}`;
      let list = byTopic.get(key);
      if (!list) byTopic.set(key, (list = []));
      list.push(change);
    }
  }
  return byTopic;
}
