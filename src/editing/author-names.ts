import type { CurrentUser } from '../accounts/context.js';
import type { Db } from '../db/database.js';

/** An author record as the editor's Authors field knows it. */
export interface KnownAuthor {
  key: string;
  name: string;
  role: string;
}

/**
 * The people typed into the Authors field: names as readers see them
 * ("Dr Ana Ortiz"), separated by commas, semicolons or new lines. Author
 * keys still work, and so does the older layout of keys separated by spaces.
 */
export function typedAuthors(value: string): string[] {
  return value
    .split(/[,;\n]+/)
    .map((item) => item.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
}

const fold = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en');

export interface ResolvedAuthors {
  /** Author keys in the field's order, for the page document (OWN_RECORD where the editor's own record is still to be made). */
  keys: string[];
  /** What matched no author (or more than one), as typed. */
  unknown: string[];
  /** The editor typed their own name and has no author record yet: save makes it (see ensureAuthorFor). */
  ownRecordNeeded: boolean;
}

/**
 * Author keys for what was typed: a key, or a name matched without regard
 * to case (when exactly one author has it). The editor's own name resolves
 * to their own author record, made on save if they have none yet, so a
 * volunteer can credit herself without an admin.
 */
export function resolveAuthors(typed: string, known: readonly KnownAuthor[], user: Pick<CurrentUser, 'name' | 'authorKey'>): ResolvedAuthors {
  const byKey = new Map(known.map((a) => [a.key, a]));
  const byName = new Map<string, KnownAuthor[]>();
  for (const a of known) byName.set(fold(a.name), [...(byName.get(fold(a.name)) ?? []), a]);
  const keys: string[] = [];
  const unknown: string[] = [];
  let ownRecordNeeded = false;
  const ownKey = user.authorKey && byKey.has(user.authorKey) ? user.authorKey : null;
  for (const item of typedAuthors(typed)) {
    if (byKey.has(item)) {
      keys.push(item);
      continue;
    }
    const isOwnName = fold(item) === fold(user.name);
    // Their own name means their own record, even when someone else has the same name.
    if (isOwnName && ownKey) {
      keys.push(ownKey);
      continue;
    }
    const named = byName.get(fold(item)) ?? [];
    if (named.length === 1) {
      keys.push(named[0]!.key);
      continue;
    }
    if (isOwnName) {
      ownRecordNeeded = true;
      keys.push(OWN_RECORD);
      continue;
    }
    // "key-one key-two": the layout the field had before names.
    const parts = item.split(' ');
    if (parts.length > 1 && parts.every((p) => byKey.has(p))) keys.push(...parts);
    else unknown.push(item);
  }
  return { keys: [...new Set(keys)], unknown, ownRecordNeeded };
}

/** Stands for the editor's own author record until save makes it. */
export const OWN_RECORD = '\u0000own';

/**
 * The field as the editor sees it: each author key shown as the author's
 * name (unless another author has the same name, or the name has a comma);
 * anything else as it was typed.
 */
export function authorsAsTyped(field: string, known: readonly KnownAuthor[]): string {
  const byKey = new Map(known.map((a) => [a.key, a]));
  const count = new Map<string, number>();
  for (const a of known) count.set(fold(a.name), (count.get(fold(a.name)) ?? 0) + 1);
  const items = typedAuthors(field).flatMap((item) => (item.includes(' ') && item.split(' ').every((p) => byKey.has(p)) ? item.split(' ') : [item]));
  return items
    .map((item) => {
      const a = byKey.get(item);
      return a && count.get(fold(a.name)) === 1 && !/[,;\n]/.test(a.name) ? a.name : item;
    })
    .join(', ');
}

export async function knownAuthors(db: Db): Promise<KnownAuthor[]> {
  return db.selectFrom('authors').select(['key', 'name', 'role']).orderBy('name').execute();
}
