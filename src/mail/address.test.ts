import { describe, expect, it } from 'vitest';
import { normaliseAddress } from './address.js';
import { MailMessageError, createOutbox } from './outbox.js';

describe('e-mail addresses people type', () => {
  it('keeps a plain address, lower-casing only the domain', () => {
    expect(normaliseAddress('  Ada.Lovelace+news@Example.ORG ')).toEqual({ address: 'Ada.Lovelace+news@example.org' });
  });
  it('turns an international domain name into its ASCII form', () => {
    expect(normaliseAddress('leser@bücher.example')).toEqual({ address: 'leser@xn--bcher-kva.example' });
    expect(normaliseAddress('user@مثال.إختبار')).toMatchObject({ address: expect.stringMatching(/^user@xn--/) });
  });
  it('refuses a non-ASCII local part with its own reason (not every server takes SMTPUTF8)', () => {
    expect(normaliseAddress('jösé@example.org')).toEqual({ problem: 'local-not-ascii' });
  });
  it('refuses header injection, over-long addresses and odd shapes', () => {
    expect(normaliseAddress('a@example.org\r\nBcc: victim@example.org')).toEqual({ problem: 'line-break' });
    expect(normaliseAddress('a@example.org\nX: y')).toEqual({ problem: 'line-break' });
    expect(normaliseAddress(`${'a'.repeat(300)}@example.org`)).toEqual({ problem: 'too-long' });
    expect(normaliseAddress(`${'a'.repeat(65)}@example.org`)).toEqual({ problem: 'too-long' });
    expect(normaliseAddress('')).toEqual({ problem: 'empty' });
    for (const bad of ['no-at-sign', '@example.org', 'a@', 'a b@example.org', '"quoted"@example.org', 'a..b@example.org', 'a@localhost', 'a@1.2.3.4', 'a@exa_mple.org', 'a@-x.org']) {
      expect(normaliseAddress(bad), bad).toHaveProperty('problem');
    }
  });
  it('the outbox refuses what it should never send, before writing anything', async () => {
    const outbox = createOutbox({ db: null as never, jobs: null as never, delivering: false, messageIdDomain: 'atoz.test' });
    const base = { to: 'a@example.org', subject: 'Hello', text: 'Body', kind: 'test' };
    await expect(outbox.enqueue(null as never, { ...base, to: 'A@Example.org' })).rejects.toThrow(MailMessageError);
    await expect(outbox.enqueue(null as never, { ...base, subject: 'Hi\r\nBcc: x@example.org' })).rejects.toThrow(MailMessageError);
    await expect(outbox.enqueue(null as never, { ...base, headers: { 'List-Unsubscribe': '<https://x>\r\nBcc: y' } })).rejects.toThrow(MailMessageError);
    await expect(outbox.enqueue(null as never, { ...base, headers: { From: 'someone@else.example' } })).rejects.toThrow(MailMessageError);
  });
});
