import { describe, expect, test } from 'vitest';
import { CommunitySettings } from '../settings.js';
import { findPersonalData } from '../privacy.js';
import { CHECKS, CHECK_NAMES, judgePost } from './checks.js';

const now = new Date('2026-03-01T12:00:00Z');
const settings = CommunitySettings.parse({
  firstPostsHeld: 3,
  newMemberDays: 7,
  watchedWords: [
    { word: 'miracle cure', action: 'hold' },
    { word: 'buy pills', action: 'block' },
    { word: 'darn', action: 'replace', replacement: '***' },
  ],
  crisisPhrases: ['end my life', 'kill myself'],
  flagThreshold: 3,
});
const veteran = { approvedPosts: 10, joinedAt: '2025-01-01T00:00:00Z', trusted: false };
const judge = (body: string, over: Partial<Parameters<typeof judgePost>[0]> = {}) => judgePost({ title: '', body, author: veteran, rateLimited: false, ...over }, settings, now);

describe('the moderation checks', () => {
  test('are asked in the documented order, each by name', () => {
    expect(CHECKS.map((c) => c.name)).toEqual([...CHECK_NAMES]);
    expect(CHECK_NAMES).toEqual(['first-posts', 'new-member-links', 'watched-words', 'personal-data', 'crisis', 'rate-limit', 'flagged']);
  });

  test('an ordinary post of a known member is visible', () => {
    expect(judge('Warm gloves help me in winter.')).toMatchObject({ outcome: 'visible', reason: null, matches: [], urgent: false });
  });

  test("a member's first N posts are held, then no more", () => {
    expect(judge('Hello', { author: { ...veteran, approvedPosts: 0 } })).toMatchObject({ outcome: 'held', reason: 'first-posts' });
    expect(judge('Hello', { author: { ...veteran, approvedPosts: 2 } })).toMatchObject({ outcome: 'held', reason: 'first-posts', matches: [{ check: 'first-posts', detail: '3/3' }] });
    expect(judge('Hello', { author: { ...veteran, approvedPosts: 3 } })).toMatchObject({ outcome: 'visible' });
  });

  test('links from new members are held; from older members they are not', () => {
    const newcomer = { approvedPosts: 5, joinedAt: '2026-02-28T00:00:00Z', trusted: false };
    expect(judge('See https://example.org/x', { author: newcomer })).toMatchObject({ outcome: 'held', reason: 'new-member-links' });
    expect(judge('See https://example.org/x')).toMatchObject({ outcome: 'visible' });
  });

  test('watched words block, hold or are replaced', () => {
    expect(judge('Where to BUY  pills cheaply')).toEqual({ outcome: 'blocked', words: ['buy pills'] });
    expect(judge('Is this a miracle cure?')).toMatchObject({ outcome: 'held', reason: 'watched-words', matches: [{ check: 'watched-words', detail: 'miracle cure' }] });
    expect(judge('Oh darn it, darnation')).toMatchObject({ outcome: 'visible', body: 'Oh *** it, darnation' });
  });

  test('personal data holds the post and says what kind was found', () => {
    expect(judge('Write to me at jo.smith@example.org or call 020 7946 0958')).toMatchObject({ outcome: 'held', reason: 'personal-data', matches: [{ check: 'personal-data', detail: 'email, phone' }] });
  });

  test('crisis phrases hold the post and make it urgent, even when another check held it first', () => {
    expect(judge('Some days I want to end   my life.')).toMatchObject({ outcome: 'held', reason: 'crisis', urgent: true });
    const first = judge('I want to kill myself', { author: { ...veteran, approvedPosts: 0 } });
    expect(first).toMatchObject({ outcome: 'held', reason: 'first-posts', urgent: true });
    // "post" setting: shown at once, still urgent for the moderators.
    expect(judgePost({ title: '', body: 'I want to kill myself', author: veteran, rateLimited: false }, { ...settings, crisisAction: 'post' }, now)).toMatchObject({ outcome: 'visible', urgent: true });
    // Word boundaries: "skill myself" is not "kill myself".
    expect(judge('I taught the skill myself')).toMatchObject({ outcome: 'visible', urgent: false });
  });

  test('exceeding the rate limit and flags past the threshold hold', () => {
    expect(judge('Hello again', { rateLimited: true })).toMatchObject({ outcome: 'held', reason: 'rate-limit' });
    expect(judge('Hello again', { openFlags: 2 })).toMatchObject({ outcome: 'visible' });
    expect(judge('Hello again', { openFlags: 3 })).toMatchObject({ outcome: 'held', reason: 'flagged' });
  });

  test('trusted people (moderators) are not held as new members', () => {
    expect(judge('https://example.org', { author: { approvedPosts: 0, joinedAt: now.toISOString(), trusted: true } })).toMatchObject({ outcome: 'visible' });
  });
});

describe('personal data', () => {
  test('finds e-mail addresses, phone numbers and postal addresses', () => {
    expect(findPersonalData('mail ana@correo.es, tel +34 612 345 678, I live at 12 Rose Lane, W1A 1AA').map((f) => f.kind)).toEqual(['email', 'phone', 'address', 'address']);
    expect(findPersonalData('Vivo en Calle Mayor 5').map((f) => f.kind)).toEqual(['address']);
    expect(findPersonalData('12 rue de la Paix').map((f) => f.kind)).toEqual(['address']);
  });

  test('leaves doses, years and ordinary numbers alone', () => {
    expect(findPersonalData('I took 5 mg twice a day in 2019, and 150 ml of water; 3 of 10 people.')).toEqual([]);
  });
});
