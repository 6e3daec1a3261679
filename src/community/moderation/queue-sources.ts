import type { SiteContext } from '../../web/site-context.js';

/** One item another domain puts in the moderators' queue (a patient story…), linking to its own screen. */
export interface SharedQueueItem {
  /** Site path, without language prefix. */
  href: string;
  /** What the moderator sees, in their language. */
  label: string;
  /** When it started waiting (ISO instant). */
  at: string;
}

/** Another domain's part of /moderation: a heading and what waits, listed after the forum posts. */
export type ModerationQueueSource = (site: SiteContext) => Promise<{ heading: string; items: SharedQueueItem[] }>;
