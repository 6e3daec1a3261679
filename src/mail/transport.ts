/**
 * Handing one outbox row to an SMTP server with nodemailer: the From, the
 * stored Message-ID and date (the same on every retry), both parts, the
 * domain's headers, and DKIM when configured (nodemailer's default header
 * list signs List-Unsubscribe and List-Unsubscribe-Post too, as RFC 8058 asks).
 */
import { readFileSync } from 'node:fs';
import type { Transporter } from 'nodemailer';
import type { Config } from '../config.js';
import type { OutboxRow } from './outbox.js';

/** Sends one e-mail; resolves with the server's answer, rejects with nodemailer's error (responseCode, code). */
export interface MailSender {
  send(row: OutboxRow): Promise<string>;
  close(): void;
}

export interface SmtpTimeouts {
  /** Milliseconds to open the connection, to get the greeting, and of silence mid-conversation. */
  connectionMs: number;
  greetingMs: number;
  socketMs: number;
}

export const DEFAULT_SMTP_TIMEOUTS: SmtpTimeouts = { connectionMs: 10_000, greetingMs: 10_000, socketMs: 60_000 };

export function createSmtpSender(config: Pick<Config, 'smtpUrl' | 'dkimDomain' | 'dkimSelector' | 'dkimKeyFile'>, from: string, timeouts: SmtpTimeouts = DEFAULT_SMTP_TIMEOUTS): MailSender {
  if (!config.smtpUrl) throw new Error('createSmtpSender needs ATOZ_SMTP_URL');
  const dkim =
    config.dkimDomain && config.dkimSelector && config.dkimKeyFile
      ? { domainName: config.dkimDomain, keySelector: config.dkimSelector, privateKey: readFileSync(config.dkimKeyFile, 'utf8') }
      : undefined;
  const url = new URL(config.smtpUrl);
  const options = {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeouts.connectionMs,
    greetingTimeout: timeouts.greetingMs,
    socketTimeout: timeouts.socketMs,
    ...(dkim ? { dkim } : {}),
  };
  // nodemailer is loaded with the first e-mail, not at start: a reader's first page never needs it.
  let transport: Promise<Transporter> | undefined;
  const opened = () =>
    (transport ??= import('nodemailer').then(
      ({ default: nodemailer }) => nodemailer.createTransport(options),
      (error: unknown) => {
        transport = undefined; // the next e-mail tries again
        throw error;
      },
    ));
  return {
    async send(row) {
      const info = await (await opened()).sendMail({
        from,
        to: row.to_address,
        subject: row.subject,
        text: row.text_body,
        ...(row.html_body ? { html: row.html_body } : {}),
        messageId: row.message_id,
        date: new Date(row.created_at),
        headers: { ...(JSON.parse(row.headers) as Record<string, string>), 'Content-Language': row.lang },
      });
      return String(info.response ?? 'accepted');
    },
    close() {
      void transport?.then((t) => t.close(), () => {});
    },
  };
}
