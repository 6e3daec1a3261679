import type { AuthzRequests, MatrixContext } from '../../accounts/test-support/authz-requests.js';

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

/** Requests for src/mail/authz.ts. */
export const mailRequests: AuthzRequests = {
  'GET /admin/outbox': async () => ({ path: '/admin/outbox' }),
  'GET /admin/outbox/:id': async (ctx) => ({ path: `/admin/outbox/${await failedMail(ctx)}` }),
  'POST /admin/outbox/:id/retry': async (ctx) => ({ path: `/admin/outbox/${await failedMail(ctx)}/retry`, body: {} }),
};
