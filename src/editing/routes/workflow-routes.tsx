import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { requirePermission } from '../../accounts/middleware.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { fieldErrorFor, formFromDocument } from '../page-form.js';
import { WorkflowError } from '../service/index.js';
import { renderEditor } from './editor-screen.js';
import type { EditingKit } from './kit.js';
import { checklistLabel, inSentence, inlineList } from '../views/text.js';

export const RevisionIdForm = z.object({ revisionId: z.coerce.number().int().positive().max(2 ** 31) });

type Step = 'submit' | 'approve' | 'publish';

/** The review workflow: send for review, approve as medically reviewed, publish. */
export function workflowRoutes(kit: EditingKit) {
  const app = new Hono<AppEnv>();
  app.post('/edit/:slug/submit', requirePermission('page.submit'), (c) => step(kit, c, 'submit'));
  app.post('/edit/:slug/approve', requirePermission('page.review'), (c) => step(kit, c, 'approve'));
  app.post('/edit/:slug/publish', requirePermission('page.publish'), (c) => step(kit, c, 'publish'));
  return app;
}

/** One revision id in, the editor back with the outcome. */
async function step(kit: EditingKit, c: Context<AppEnv>, which: Step): Promise<Response> {
  const { service } = kit;
  const found = await kit.locateOrAnswer(c);
  if ('response' in found) return found.response;
  const limited = await kit.tooFast(c, kit.writes);
  if (limited) return limited;
  const input = RevisionIdForm.safeParse(await kit.fields(c));
  const revision = input.success ? await service.read.byId(input.data.revisionId) : null;
  if (!revision || revision.pageKey !== found.located.pageKey) return kit.notFound(c);
  const t = await kit.text(c);
  const i18n = (await kit.deps.pages.siteContext(c)).i18n;
  const again = async (message: string, status: number, extra: FieldError[] = []) => {
    const head = await service.read.head(found.located.pageKey);
    return renderEditor(kit, c, { located: found.located, head, form: formFromDocument(head!.document, head!.id), errors: [{ field: 'checklist-title', message }, ...extra], status });
  };
  try {
    if (which === 'submit') await service.submit(revision.id, kit.actor(c));
    if (which === 'approve') await service.approve(revision.id, kit.actor(c));
    if (which === 'publish') {
      const outcome = await service.publish(revision.id, kit.actor(c));
      if (outcome.kind === 'blocked') {
        const missing = outcome.checklist.filter((i) => !i.ok).map((i) => inSentence(i18n, checklistLabel(t, i.id)));
        const problems = outcome.problems.map((p) => fieldErrorFor(p, [], revision.document, t));
        return again(missing.length ? t('notPublishedMissing', { items: inlineList(t, missing) }) : t('notPublishedProblems'), 409, problems);
      }
      return c.redirect(kit.here(c, `/edit/${outcome.slug}?notice=${outcome.newsMoved ? 'published-news' : 'published'}`), 303);
    }
  } catch (error) {
    if (error instanceof WorkflowError) {
      const { key, values = {} } = error.reason;
      return again(t(key, { ...values, ...(values.state ? { state: t('stateInSentence', { state: values.state }) } : {}) }), 409);
    }
    throw error;
  }
  return c.redirect(kit.here(c, `/edit/${found.located.slug}?notice=${which === 'submit' ? 'submitted' : 'approved'}`), 303);
}
