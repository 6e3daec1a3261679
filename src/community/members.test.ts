import { describe, expect, test } from 'vitest';
import { displayKey, displayNameProblem, looksLikeRealName } from './members.js';
import { HONEYPOT_FIELD, MINIMUM_TYPING_MS, STARTED_FIELD, formStarted, spamProblem } from './spam.js';

describe('display names', () => {
  test('a pseudonym passes; markup, e-mail addresses and odd lengths do not', () => {
    expect(displayNameProblem('quiet_heron-7')).toBeNull();
    expect(displayNameProblem('نورا')).toBeNull();
    expect(displayNameProblem('')).toBe('displayNameMissing');
    expect(displayNameProblem('ab')).toBe('displayNameTooShort');
    expect(displayNameProblem('a'.repeat(41))).toBe('displayNameTooLong');
    expect(displayNameProblem('<b>x</b>')).toBe('displayNameCharacters');
    expect(displayNameProblem('me@example.org')).toBe('displayNameEmail');
  });

  test('names that look like real names are noticed, pseudonyms are not', () => {
    for (const name of ['Maria Lopez', 'John Smith', 'Anne-Marie Dubois', "Sean O'Brien", 'J. Smith']) expect(looksLikeRealName(name), name).toBe(true);
    for (const name of ['sunflower42', 'Quiet Heron 7', 'quiet heron', 'Raynaud Warrior Mum Of Three', 'Jo']) expect(looksLikeRealName(name), name).toBe(false);
  });

  test('two names differing only in case or spacing are the same name', () => {
    expect(displayKey('  Quiet   Heron ')).toBe(displayKey('quiet heron'));
  });
});

describe('spam defence', () => {
  const key = Buffer.from('k'.repeat(32));
  const opened = new Date('2026-03-01T12:00:00Z');
  const fields = (started: string, honeypot = '') => ({ [STARTED_FIELD]: started, [HONEYPOT_FIELD]: honeypot });

  test('a form sent after the minimum typing time with an empty honeypot passes', () => {
    expect(spamProblem(fields(formStarted(key, opened)), key, new Date(opened.getTime() + MINIMUM_TYPING_MS))).toBeNull();
  });

  test('too fast, a filled honeypot, a forged or missing time, and a day-old form are caught', () => {
    expect(spamProblem(fields(formStarted(key, opened)), key, new Date(opened.getTime() + 500))).toBe('tooFast');
    expect(spamProblem(fields(formStarted(key, opened), 'http://spam.test'), key, new Date(opened.getTime() + 10_000))).toBe('honeypot');
    expect(spamProblem(fields(`${opened.getTime() - 60_000}.forged`), key, opened)).toBe('tooFast');
    expect(spamProblem({}, key, opened)).toBe('tooFast');
    expect(spamProblem(fields(formStarted(Buffer.from('other key 0123456789abcdefghijkl'), opened)), key, new Date(opened.getTime() + 10_000))).toBe('tooFast');
    expect(spamProblem(fields(formStarted(key, opened)), key, new Date(opened.getTime() + 25 * 3600_000))).toBe('formExpired');
  });
});
