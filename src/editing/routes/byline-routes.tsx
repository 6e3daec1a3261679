import { Hono } from 'hono';
import { z } from 'zod';
import { recordAudit } from '../../accounts/audit.js';
import type { AppEnv } from '../../accounts/context.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { bumpContentVersion } from '../../directory/store.js';
import { BYLINE_FIELDS, BylinePage, type BylineForm } from '../views/byline-page.js';
import type { EditingKit } from './kit.js';

const Form = z.object({ name: z.string().max(10_000).default(''), role: z.string().max(10_000).default(''), disclosure: z.string().max(100_000).default('') });

/** /account/byline: the author record a person is credited as on pages they write or review. */
export function bylineRoutes(kit: EditingKit) {
  const { db, pages } = kit.deps;
  const app = new Hono<AppEnv>();

  const ownRecord = async (authorKey: string | null) =>
    authorKey ? ((await db.selectFrom('authors').select(['key', 'name', 'role', 'disclosure']).where('key', '=', authorKey).executeTakeFirst()) ?? null) : null;

  app.get('/account/byline', async (c) => {
    const user = c.get('user')!;
    const linked = await db.selectFrom('users').select('author_key').where('id', '=', user.id).executeTakeFirst();
    const record = await ownRecord(linked?.author_key ?? null);
    const form: BylineForm = record ? { name: record.name, role: record.role, disclosure: record.disclosure } : { name: user.name, role: '', disclosure: '' };
    return pages.fresh(c, <BylinePage {...await kit.frame(c)} form={form} exists={record !== null} errors={[]} notice={await kit.notice(c)} />);
  });

  app.post('/account/byline', async (c) => {
    const limited = await kit.tooFast(c, kit.writes);
    if (limited) return limited;
    const user = c.get('user')!;
    const t = await kit.text(c);
    const parsed = Form.safeParse(await kit.fields(c));
    if (!parsed.success) return new Response(t('formTooLarge'), { status: 413, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    const form = parsed.data;
    const values = { name: form.name.trim().replace(/\s+/g, ' '), role: form.role.trim().replace(/\s+/g, ' '), disclosure: form.disclosure.trim() };
    const errors: FieldError[] = [];
    if (!values.name) errors.push({ field: BYLINE_FIELDS.name, message: t('bylineNameMissing') });
    else if (values.name.length > 200 || /[,;]/.test(values.name)) errors.push({ field: BYLINE_FIELDS.name, message: t('bylineNameInvalid') });
    if (!values.role) errors.push({ field: BYLINE_FIELDS.role, message: t('bylineRoleMissing') });
    else if (values.role.length > 200) errors.push({ field: BYLINE_FIELDS.role, message: t('bylineTooLong', { max: 200 }) });
    if (values.disclosure.length > 1000) errors.push({ field: BYLINE_FIELDS.disclosure, message: t('bylineTooLong', { max: 1000 }) });
    const linked = await db.selectFrom('users').select('author_key').where('id', '=', user.id).executeTakeFirst();
    if (errors.length) return pages.fresh(c, <BylinePage {...await kit.frame(c)} form={form} exists={(await ownRecord(linked?.author_key ?? null)) !== null} errors={errors} />, 400);

    const key = await kit.service.ownAuthor({ ...user, name: values.name });
    const who = kit.actor(c);
    await db.transaction().execute(async (tx) => {
      await tx.updateTable('authors').set(values).where('key', '=', key).execute();
      // Bylines appear on published pages: every server's render cache must drop.
      await bumpContentVersion(tx);
      await recordAudit(tx, { actorUserId: user.id, action: 'author.edit', subjectType: 'author', subjectId: key, details: { name: values.name, role: values.role }, ip: who.ip }, kit.clock());
    });
    await kit.deps.contentChanged();
    return c.redirect(kit.here(c, '/account/byline?notice=byline'), 303);
  });

  return app;
}
