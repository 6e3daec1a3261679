import { describe, expect, it } from 'vitest';
import { LruMap } from './lru.js';
import { createMemoryResponseCache } from './response-cache.js';

describe('LruMap', () => {
  it('evicts the least recently used entry', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.get('a')).toBe(1); // "b" is now the oldest
    map.set('c', 3);
    expect(map.get('b')).toBeUndefined();
    expect(map.get('a')).toBe(1);
    expect(map.get('c')).toBe(3);
    expect(map.size).toBe(2);
  });

  it('rejects a non-positive size', () => {
    expect(() => new LruMap(0)).toThrow(RangeError);
  });
});

describe('createMemoryResponseCache', () => {
  it('returns bodies until their time-to-live ends', () => {
    let now = 1000;
    const cache = createMemoryResponseCache({ now: () => now });
    cache.set('u', 'body', 500);
    expect(cache.get('u')).toBe('body');
    now = 1499;
    expect(cache.get('u')).toBe('body');
    now = 1500;
    expect(cache.get('u')).toBeUndefined();
  });

  it('does not store with a zero time-to-live', () => {
    const cache = createMemoryResponseCache();
    cache.set('u', 'body', 0);
    expect(cache.get('u')).toBeUndefined();
  });
});
