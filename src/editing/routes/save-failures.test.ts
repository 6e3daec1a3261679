import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { type TestApp, createTestApp } from '../../../test/support/app.js';
import { bodyOf, editorForm } from '../../../test/faults/support.js';
import { SessionClient, csrfFrom, seedUser } from '../../accounts/test-support/session-client.js';
import { isDiskFull, isReadOnly } from '../../db/connection-errors.js';

// SQLite refusing a write (its disk full, its file read-only): the editor
// gets the editor page back with every word they typed and a sentence saying
// nothing was saved; the log has the real cause. (On a real full disk and a
// real read-only file: test/faults.)
describe('editor saves the database refuses (SQLite)', () => {
  let t: TestApp;
  let client: SessionClient;
  beforeAll(async () => {
    t = await createTestApp();
    const user = await seedUser(t.atoz.database.db, 'editor', { name: 'Noor Nospace' });
    client = await SessionClient.signedInAs(t, t.atoz.database.db, user.id);
  });
  afterAll(async () => {
    await t?.close();
  });
  const db = () => t.atoz.database.db;

  async function refusedSave(slug: string, phrase: string, refuse: () => Promise<unknown>, allow: () => Promise<unknown>, prefix = '') {
    const html = await (await client.get(`${prefix}/edit/${slug}`)).text();
    const body = `${bodyOf(html)}\n\n${phrase}\n${'Words that need room on the disk. '.repeat(400)}\n`;
    const logged: unknown[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(...args));
    await refuse();
    let res: Response;
    try {
      res = await client.post(`${prefix}/edit/${slug}`, editorForm(html, { body }), csrfFrom(html));
    } finally {
      await allow();
      errors.mockRestore();
    }
    const page = await res.text();
    const stored = (await db().selectFrom('page_revisions').select('document').execute()).filter((r) => r.document.includes(phrase)).length;
    return { res, page, body, logged, stored };
  }

  test('a full disk: the editor page with the text intact and "Nothing was saved: the server’s disk is full"', async () => {
    await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db());
    const { res, page, body, logged, stored } = await refusedSave(
      'causes-silica',
      'Typed while the disk was full.',
      async () => {
        const pages = Number((await sql<{ page_count: number }>`pragma page_count`.execute(db())).rows[0]!.page_count);
        await sql.raw(`pragma max_page_count = ${pages}`).execute(db());
      },
      () => sql.raw('pragma max_page_count = 1073741823').execute(db()),
    );
    expect(res.status).toBe(507);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(page).toContain('Nothing was saved: the server’s disk is full. Your text is below.');
    expect(bodyOf(page)).toBe(body);
    // The whole editor, not a bare page: the form comes back to the same address with its fields.
    expect(page).toContain('action="/edit/causes-silica"');
    expect(editorForm(page).title).toBe('Causes: Silica');
    expect(stored).toBe(0);
    expect(logged.some((e) => e instanceof Error && isDiskFull(e))).toBe(true);
    expect(logged.some((e) => typeof e === 'string' && e.includes('POST /edit/causes-silica: nothing saved, the database disk is full'))).toBe(true);
  });

  test('in Spanish, the editor is told in Spanish, with the text intact', async () => {
    const { res, page, body, stored } = await refusedSave(
      'causes-stress',
      'Escrito mientras la base de datos no admitía cambios.',
      () => sql`pragma query_only = 1`.execute(db()),
      () => sql`pragma query_only = 0`.execute(db()),
      '/es',
    );
    expect(res.status).toBe(503);
    expect(page).toContain('<html lang="es"');
    expect(page).toContain('No se ha guardado nada: no se puede escribir en la base de datos. Su texto está más abajo.');
    expect(bodyOf(page)).toBe(body);
    expect(stored).toBe(0);
  });

  test('an unwritable database: the editor page with the text intact and "the database cannot be written"', async () => {
    const { res, page, body, logged, stored } = await refusedSave(
      'causes-stress',
      'Typed while the database was read-only.',
      () => sql`pragma query_only = 1`.execute(db()),
      () => sql`pragma query_only = 0`.execute(db()),
    );
    expect(res.status).toBe(503);
    expect(page).toContain('Nothing was saved: the database cannot be written. Your text is below.');
    expect(bodyOf(page)).toBe(body);
    expect(page).toContain('action="/edit/causes-stress"');
    expect(stored).toBe(0);
    expect(logged.some((e) => e instanceof Error && isReadOnly(e))).toBe(true);
  });

  test('once the database takes writes again, the same form saves', async () => {
    const html = await (await client.get('/edit/causes-stress')).text();
    const res = await client.post('/edit/causes-stress', editorForm(html, { body: `${bodyOf(html)}\n\nSaved after the fault.\n` }), csrfFrom(html));
    expect(res.status).toBe(303);
  });
});
