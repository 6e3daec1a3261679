import type { AuthzRequests, MatrixContext } from '../../accounts/test-support/authz-requests.js';
import { createFollowLinks } from '../following/links.js';

let seq = 0;

/** A failed outbox row, so "send again" has something to do. */
async function failedMail(ctx: MatrixContext): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.db
    .insertInto('mail_outbox')
    .values({
      message_id: `<matrix-${Date.now()}-${++seq}@atoz.test>`,
      dedupe_key: null,
      kind: 'test',
      to_address: 'matrix@example.org',
      subject: 'Matrix test e-mail',
      text_body: 'Body',
      html_body: null,
      headers: '{}',
      lang: 'en',
      status: 'failed',
      attempts: 1,
      next_attempt_at: now,
      locked_by: null,
      locked_until: null,
      last_error: '550 test',
      smtp_response: null,
      created_at: now,
      sent_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A subscriber following the whole site, confirmed or not; returns its id. */
async function subscriber(ctx: MatrixContext, confirmed: boolean): Promise<number> {
  const now = new Date().toISOString();
  const row = await ctx.db
    .insertInto('mail_subscribers')
    .values({ address: `follower-${Date.now()}-${++seq}@example.org`, lang: 'en', frequency: 'weekly', created_at: now, confirmation_sent_at: now, digest_through: now, last_digest_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.insertInto('mail_subscriptions').values({ subscriber_id: row.id, topic_key: 'site', page_id: null, requested_at: now, consent_text: 'I agree', confirmed_at: confirmed ? now : null }).execute();
  return row.id;
}

const link = async (ctx: MatrixContext, purpose: 'confirm' | 'manage' | 'unsubscribe', confirmed: boolean) => (await createFollowLinks(ctx.db)).make(purpose, await subscriber(ctx, confirmed));

/** Requests for src/mail/authz.ts. */
export const mailRequests: AuthzRequests = {
  'GET /admin/outbox': async () => ({ path: '/admin/outbox' }),
  'GET /admin/outbox/:id': async (ctx) => ({ path: `/admin/outbox/${await failedMail(ctx)}` }),
  'POST /admin/outbox/:id/retry': async (ctx) => ({ path: `/admin/outbox/${await failedMail(ctx)}/retry`, body: {} }),
  'GET /admin/subscribers': async () => ({ path: '/admin/subscribers' }),
  'GET /admin/subscribers/:id/export': async (ctx) => ({ path: `/admin/subscribers/${await subscriber(ctx, true)}/export` }),
  'POST /admin/subscribers/:id/delete': async (ctx) => ({ path: `/admin/subscribers/${await subscriber(ctx, true)}/delete`, body: {} }),
  'POST /follow': async () => ({ path: '/follow', body: { email: `new-follower-${Date.now()}-${++seq}@example.org`, frequency: 'daily', consent: 'yes', topic: '' } }),
  'POST /follow/confirm/:token': async (ctx) => ({ path: `/follow/confirm/${await link(ctx, 'confirm', false)}`, body: {} }),
  'POST /follow/manage/:token': async (ctx) => ({ path: `/follow/manage/${await link(ctx, 'manage', true)}`, body: { action: 'frequency', frequency: 'daily' } }),
  'POST /follow/unsubscribe/:token': async (ctx) => ({ path: `/follow/unsubscribe/${await link(ctx, 'unsubscribe', true)}`, body: { 'List-Unsubscribe': 'One-Click' } }),
};
