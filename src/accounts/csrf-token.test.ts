import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { maskToken, signAnonymousNonce, tokenMatches, verifyAnonymousCookie } from './csrf-token.js';
import { randomToken } from './tokens.js';

describe('CSRF tokens', () => {
  test('a masked token differs on every page yet carries its secret', () => {
    const secret = randomToken();
    const a = maskToken(secret);
    const b = maskToken(secret);
    expect(a).not.toBe(b);
    expect(a).not.toContain(secret);
    expect(tokenMatches(a, secret)).toBe(true);
    expect(tokenMatches(b, secret)).toBe(true);
  });

  test('property: a token matches its own secret and no other', () => {
    const secret = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64url'));
    fc.assert(
      fc.property(secret, secret, (s1, s2) => {
        expect(tokenMatches(maskToken(s1), s1)).toBe(true);
        expect(tokenMatches(maskToken(s1), s2)).toBe(s1 === s2);
      }),
    );
  });

  test('missing, truncated, oversized or garbled tokens never match', () => {
    const secret = randomToken();
    const token = maskToken(secret);
    for (const bad of [undefined, null, '', token.slice(0, -2), token + 'AA', 'A'.repeat(86), 'x'.repeat(500), secret]) {
      expect(tokenMatches(bad, secret)).toBe(false);
    }
    expect(tokenMatches(token, null)).toBe(false);
    expect(tokenMatches(token, '')).toBe(false);
  });

  test('the anonymous cookie is signed: a nonce with a made-up or other key’s signature is refused', () => {
    const key = Buffer.alloc(32, 7);
    const nonce = randomToken();
    const cookie = signAnonymousNonce(key, nonce);
    expect(verifyAnonymousCookie(key, cookie)).toBe(nonce);
    expect(verifyAnonymousCookie(Buffer.alloc(32, 8), cookie)).toBeNull();
    expect(verifyAnonymousCookie(key, `${randomToken()}.${cookie.split('.')[1]}`)).toBeNull();
    expect(verifyAnonymousCookie(key, nonce)).toBeNull();
    expect(verifyAnonymousCookie(key, undefined)).toBeNull();
    expect(verifyAnonymousCookie(key, `.${cookie}`)).toBeNull();
  });
});
