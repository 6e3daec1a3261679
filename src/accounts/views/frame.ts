import type { CurrentUser } from '../context.js';
import type { SiteContext } from '../../web/site-context.js';

/** What every accounts page needs to draw its frame: the site, who is signed in, the CSRF token for forms. */
export interface Frame {
  site: SiteContext;
  user: CurrentUser | null;
  csrfToken: string;
}

const INSTANT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', hourCycle: 'h23' });

/** "2025-03-04T14:32:10Z" → "4 March 2025 at 14:32 UTC": unambiguous whatever the reader's locale. */
export function displayInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${INSTANT.format(d).replace(', ', ' at ')} UTC`;
}

/** Whole minutes until a lockout ends (at least 1), rounded up so nobody retries a minute early; messages say "in # minutes". */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
