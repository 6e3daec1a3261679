import { afterEach, describe, expect, it } from 'vitest';
import { type TestDatabase, createTestDatabase } from '../../../test/support/database.js';
import { normaliseValue, tableChecksum } from './checksum.js';
import { introspect } from './introspect.js';

describe('normaliseValue', () => {
  it('gives the same form for what the two drivers return for one stored value', () => {
    // PostgreSQL returns bigint as a string, SQLite integers as numbers.
    expect(normaliseValue('9007199254740993', true)).toEqual(normaliseValue(9007199254740993n, true));
    expect(normaliseValue('42', true)).toEqual(normaliseValue(42, true));
    expect(normaliseValue(true, true)).toEqual(normaliseValue(1, true));
    expect(normaliseValue(null, false)).toBeNull();
  });

  it('keeps text that looks like a number apart from the number, outside integer columns', () => {
    expect(normaliseValue('42', false)).not.toEqual(normaliseValue(42, false));
    expect(normaliseValue(1.5, false)).toEqual(['n', '1.5']);
    expect(normaliseValue(Buffer.from([1, 255]), false)).toEqual(['b', '01ff']);
  });
});

describe('tableChecksum', () => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const d of opened.splice(0)) await d.drop();
  });

  async function settingsDb(rows: Array<{ key: string; value: string }>) {
    const d = await createTestDatabase({ dialect: 'sqlite' });
    opened.push(d);
    await d.handle.db.insertInto('settings').values(rows).execute();
    const info = (await introspect(d.handle.db, 'sqlite')).get('settings')!;
    return tableChecksum(d.handle.db, 'sqlite', info, info.columns, 2);
  }

  it('depends on the rows, not on the order they were written in', async () => {
    const rows = [{ key: 'b', value: '2' }, { key: 'a', value: '1' }, { key: 'É', value: '3' }, { key: 'c', value: '4' }, { key: 'Z', value: '5' }];
    const one = await settingsDb(rows);
    const two = await settingsDb([...rows].reverse());
    expect(one).toEqual(two);
    expect(one.rows).toBe(5);
  });

  it('changes when one value changes', async () => {
    const one = await settingsDb([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]);
    const two = await settingsDb([{ key: 'a', value: '1' }, { key: 'b', value: '3' }]);
    expect(one.rows).toBe(two.rows);
    expect(one.sha256).not.toBe(two.sha256);
  });
});
