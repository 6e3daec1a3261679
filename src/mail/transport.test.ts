import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutboxRow } from './outbox.js';
import { SmtpSink, rawHeader } from './test-support/smtp-sink.js';
import { createSmtpSender } from './transport.js';

const row = (over: Partial<OutboxRow> = {}): OutboxRow => ({
  id: 1,
  message_id: '<fixed-1@atoz.test>',
  dedupe_key: null,
  kind: 'digest',
  to_address: 'reader@example.org',
  subject: 'Two changes on what you follow',
  text_body: 'Plain words first.\n',
  html_body: '<!DOCTYPE html><html lang="en"><body><p>Plain words first.</p></body></html>',
  headers: JSON.stringify({ 'List-Unsubscribe': '<https://atoz.test/follow/unsubscribe/u.1.0.x>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }),
  lang: 'en',
  status: 'queued',
  attempts: 0,
  next_attempt_at: '2026-01-01T00:00:00.000Z',
  locked_by: null,
  locked_until: null,
  last_error: null,
  smtp_response: null,
  created_at: '2026-01-01T00:00:00.000Z',
  sent_at: null,
  ...over,
});

describe('sending one outbox row over SMTP', () => {
  const sink = new SmtpSink();
  let dir: string;
  beforeAll(async () => {
    await sink.start();
    dir = mkdtempSync(join(tmpdir(), 'atoz-dkim-'));
  });
  afterAll(async () => {
    await sink.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the stored Message-ID and date, sends both parts, and DKIM-signs the unsubscribe headers too', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const keyFile = join(dir, 'dkim.pem');
    writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const sender = createSmtpSender({ smtpUrl: sink.url, dkimDomain: 'atoz.test', dkimSelector: 'atoz', dkimKeyFile: keyFile }, 'Atoz <news@atoz.test>');
    expect(await sender.send(row())).toMatch(/^250/);
    sender.close();
    const [got] = sink.received;
    expect(got!.parsed.messageId).toBe('<fixed-1@atoz.test>');
    expect(got!.parsed.date?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(got!.parsed.text).toBe('Plain words first.\n');
    expect(got!.parsed.html).toContain('<p>Plain words first.</p>');
    // The text part comes first: clients that show one part show the plain one.
    expect(got!.raw.indexOf('text/plain')).toBeLessThan(got!.raw.indexOf('text/html'));
    const dkim = rawHeader(got!, 'DKIM-Signature') ?? '';
    expect(dkim).toMatch(/d=atoz\.test/);
    expect(dkim).toMatch(/s=atoz/);
    const signed = /(?:^|;)h=([^;]+)/.exec(dkim.replace(/\s+/g, ''))![1]!.toLowerCase().split(':');
    expect(signed).toEqual(expect.arrayContaining(['from', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']));
  });
});
