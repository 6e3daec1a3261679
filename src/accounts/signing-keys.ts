import type { Db } from '../db/database.js';
import { randomToken } from './tokens.js';

/**
 * A server-wide secret, made once and kept in the database so every server
 * signs and checks alike. Insert-if-absent then read: servers starting
 * together all end up with the same key.
 */
export async function loadSigningKey(db: Db, name: string): Promise<Buffer> {
  await db
    .insertInto('signing_keys')
    .values({ name, secret: randomToken(32), created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('signing_keys').select('secret').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.secret, 'base64url');
}
