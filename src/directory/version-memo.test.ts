import { expect, test } from 'vitest';
import { VersionMemo } from './version-memo.js';

test('one computation per content version and key; a new version computes again; a failure is not kept', async () => {
  let version = 1;
  let computed = 0;
  const memo = new VersionMemo<string>(async () => version);
  const compute = (label: string) => async () => `${label}@${version} #${++computed}`;

  expect(await Promise.all([memo.get('en', compute('en')), memo.get('en', compute('en'))])).toEqual(['en@1 #1', 'en@1 #1']);
  expect(await memo.get('es', compute('es'))).toBe('es@1 #2');
  expect(await memo.get('en', compute('en'))).toBe('en@1 #1');

  version = 2;
  expect(await memo.get('en', compute('en'))).toBe('en@2 #3');
  expect(await memo.get('es', compute('es'))).toBe('es@2 #4');

  await expect(memo.get('fr', async () => Promise.reject(new Error('database restarting')))).rejects.toThrow('database restarting');
  expect(await memo.get('fr', compute('fr'))).toBe('fr@2 #5');
});
