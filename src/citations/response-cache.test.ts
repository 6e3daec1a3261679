import { describe, expect, it } from 'vitest';
import { createMemoryResponseCache } from './response-cache.js';

describe('createMemoryResponseCache', () => {
  it('returns bodies for their whole time-to-live, then no more', () => {
    let now = 1000;
    const cache = createMemoryResponseCache({ now: () => now });
    cache.set('u', 'body', 500);
    expect(cache.get('u')).toBe('body');
    now = 1500;
    expect(cache.get('u')).toBe('body');
    now = 1501;
    expect(cache.get('u')).toBeUndefined();
  });

  it('does not store with a zero time-to-live', () => {
    const cache = createMemoryResponseCache();
    cache.set('u', 'body', 0);
    expect(cache.get('u')).toBeUndefined();
  });

  it('stays within its size by forgetting the least recently used URL', () => {
    const cache = createMemoryResponseCache({ maxEntries: 2 });
    cache.set('a', '1', 60_000);
    cache.set('b', '2', 60_000);
    expect(cache.get('a')).toBe('1'); // "b" is now the oldest
    cache.set('c', '3', 60_000);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe('1');
    expect(cache.get('c')).toBe('3');
  });
});
