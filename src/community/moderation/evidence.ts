/**
 * "What the evidence says": instead of deleting a post that gets the facts
 * wrong, a moderator attaches a note linking the directory page that answers
 * it; readers see the note under the post with the page's last medical review.
 */
import type { Db, Tx } from '../../db/database.js';

export const EVIDENCE_NOTE_MAX = 1000;

export interface EvidenceNote {
  note: string;
  slug: string;
  title: string;
  /** YYYY-MM-DD of the page's last medical review; null: never reviewed. */
  reviewedOn: string | null;
}

/** The slug a moderator means: "[[Raynaud phenomenon]]", "/directory/raynaud", a full address, a slug or a title. */
function candidates(input: string): { slug: string | null; title: string } {
  const text = input.trim();
  const wiki = /^\[\[(.+)\]\]$/.exec(text);
  if (wiki) return { slug: null, title: wiki[1]!.trim() };
  const path = /(?:^|\/)directory\/([a-z0-9-]{1,120})\/?(?:[?#].*)?$/.exec(text);
  if (path) return { slug: path[1]!, title: text };
  return { slug: /^[a-z0-9-]{1,120}$/.test(text) ? text : null, title: text };
}

export function createEvidence(db: Db, clock: () => Date = () => new Date()) {
  return {
    /** The published directory page the moderator named, or undefined. */
    async findPage(input: string, executor: Db | Tx = db) {
      const { slug, title } = candidates(input);
      const pages = executor.selectFrom('pages').select(['id', 'slug', 'title', 'reviewed_on']).where('deleted_at', 'is', null);
      if (slug) {
        const bySlug = await pages.where('slug', '=', slug).executeTakeFirst();
        if (bySlug) return bySlug;
      }
      if (!title) return undefined;
      return pages.where((eb) => eb(eb.fn('lower', ['title']), '=', title.toLowerCase())).executeTakeFirst();
    },

    async add(tx: Tx, input: { postId: number; pageId: number; note: string; moderatorId: number }): Promise<void> {
      await tx.insertInto('forum_evidence_notes').values({ post_id: input.postId, page_id: input.pageId, note: input.note, moderator_id: input.moderatorId, created_at: clock().toISOString() }).execute();
    },

    /** The notes of these posts, oldest first; notes on pages since deleted are left out. */
    async forPosts(postIds: number[]): Promise<Map<number, EvidenceNote[]>> {
      const out = new Map<number, EvidenceNote[]>();
      if (!postIds.length) return out;
      const rows = await db
        .selectFrom('forum_evidence_notes')
        .innerJoin('pages', 'pages.id', 'forum_evidence_notes.page_id')
        .select(['forum_evidence_notes.post_id', 'forum_evidence_notes.note', 'pages.slug', 'pages.title', 'pages.reviewed_on'])
        .where('forum_evidence_notes.post_id', 'in', postIds)
        .where('pages.deleted_at', 'is', null)
        .orderBy('forum_evidence_notes.id')
        .execute();
      for (const r of rows) out.set(r.post_id, [...(out.get(r.post_id) ?? []), { note: r.note, slug: r.slug, title: r.title, reviewedOn: r.reviewed_on }]);
      return out;
    },
  };
}

export type Evidence = ReturnType<typeof createEvidence>;
