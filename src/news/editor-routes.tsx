/**
 * Editors' news routes: list, write, correct, and the workflow steps
 * (send for review, clinician sign-off, publish). Every route: permission →
 * rate limit (writes) → validation → handler; a failed save answers the form
 * again with what was typed and a message per field.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../accounts/context.js';
import { clientIp } from '../accounts/client-ip.js';
import { formFields } from '../accounts/forms.js';
import { requirePermission } from '../accounts/middleware.js';
import { can } from '../accounts/permissions.js';
import type { FieldError } from '../accounts/views/form-parts.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import type { Db } from '../db/database.js';
import type { DirectoryQueries } from '../directory/queries.js';
import { NotFoundPage } from '../site/views/site-pages.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { Limiter } from '../web/rate-limits.js';
import type { NewsDraftInput } from './document.js';
import { NewsStateError, NewsValidationError } from './errors.js';
import { newsText } from './messages/index.js';
import type { NewsItemView, NewsQueries } from './queries.js';
import type { NewsStore } from './store.js';
import { EMPTY_FORM, type NewsFormValues, NewsEditorListPage, NewsFormPage, fieldId } from './views/editor-pages.js';

export interface NewsEditorDeps {
  db: Db;
  news: NewsQueries;
  store: NewsStore;
  pages: PageRenderer;
  markdown: MarkdownRenderer;
  directory: DirectoryQueries;
  /** Saves and workflow steps, per person (src/web/rate-limits.ts). */
  writes: Limiter;
  trustProxy: boolean;
  contentChanged(): Promise<void>;
}

const Id = z.coerce.number().int().min(1).max(2 ** 31 - 1);
const NOTICES = { saved: 'noticeSaved', submitted: 'noticeSubmitted', 'signed-off': 'noticeSignedOff', published: 'noticePublished' } as const;

/** The form's strings, each cut to a sane length (the schema says what is too long). */
function formValues(fields: Record<string, string>): NewsFormValues {
  const out = { ...EMPTY_FORM };
  for (const key of Object.keys(EMPTY_FORM) as Array<keyof NewsFormValues>) out[key] = (fields[key] ?? '').slice(0, 25_000);
  return out;
}

function toDraft(v: NewsFormValues): NewsDraftInput {
  return {
    slug: v.slug.trim(),
    headline: v.headline,
    summary: v.summary,
    body: v.body.replace(/\r\n/g, '\n'),
    outlet: v.outlet,
    sourceHeadline: v.sourceHeadline,
    sourceUrl: v.sourceUrl,
    sourceDate: v.sourceDate.trim(),
    topicSlugs: v.topics.split(/[\s,]+/).map((s) => s.trim().replace(/^\/?directory\//, '')).filter(Boolean),
    citationKey: v.citationKey,
    authorKey: v.authorKey,
    studyWhat: v.studyWhat,
    studySize: v.studySize,
    studyLimits: v.studyLimits,
  };
}

function valuesOf(item: NewsItemView): NewsFormValues {
  return {
    slug: item.slug,
    headline: item.headline,
    summary: item.summary,
    body: item.body,
    outlet: item.source.outlet,
    sourceHeadline: item.source.headline ?? '',
    sourceUrl: item.source.url ?? '',
    sourceDate: item.source.date ?? '',
    topics: item.topics.map((t) => t.slug).join('\n'),
    citationKey: item.citation?.key ?? '',
    authorKey: item.author?.key ?? '',
    studyWhat: item.study.what,
    studySize: item.study.size,
    studyLimits: item.study.limits,
    correction: '',
  };
}

/** Schema paths ("topicSlugs.2") to the form's field ids. */
function fieldErrors(error: NewsValidationError): FieldError[] {
  const byPath: Record<string, keyof NewsFormValues> = { topicSlugs: 'topics', outlet: 'outlet', citationKey: 'citationKey', authorKey: 'authorKey' };
  return error.problems.map((p) => {
    const head = p.path.split('.')[0]!;
    const name = (byPath[head] ?? (head in EMPTY_FORM ? head : 'headline')) as keyof NewsFormValues;
    return { field: fieldId(name), message: p.message };
  });
}

export function newsEditorRoutes(deps: NewsEditorDeps) {
  const { pages, news, store } = deps;
  const app = new Hono<AppEnv>();

  app.use('/edit/news', requirePermission('page.edit'));
  app.use('/edit/news/*', requirePermission('page.edit'));
  app.use('/edit/news/:id/submit', requirePermission('page.submit'));
  app.use('/edit/news/:id/sign-off', requirePermission('page.review'));
  app.use('/edit/news/:id/publish', requirePermission('page.publish'));

  const actor = (c: Context<AppEnv>) => ({ userId: c.get('user')!.id, ip: clientIp(c, deps.trustProxy) });
  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(c), user: c.get('user')!, csrfToken: c.get('csrfToken') });
  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  const permissions = (c: Context<AppEnv>) => {
    const user = c.get('user')!;
    return { submit: can(user, 'page.submit'), signOff: can(user, 'page.review'), publish: can(user, 'page.publish') };
  };

  async function form(c: Context<AppEnv>, item: NewsItemView | null, values: NewsFormValues, errors: FieldError[], status = 200, notice?: string) {
    return pages.fresh(c, <NewsFormPage {...await frame(c)} item={item} values={values} errors={errors} notice={notice} can={permissions(c)} />, status);
  }

  /** The limiter's answer when this person has used it up: the form again, text intact, 429. */
  async function usedUp(c: Context<AppEnv>): Promise<boolean> {
    return !(await deps.writes.take(`user:${c.get('user')!.id}`)).allowed;
  }

  const tooManyError = async (c: Context<AppEnv>): Promise<FieldError[]> => [{ field: fieldId('headline'), message: (await pages.siteContext(c)).i18n.text(newsText)('tooMany') }];

  app.get('/edit/news', async (c) => pages.fresh(c, <NewsEditorListPage {...await frame(c)} items={await news.all()} />));

  app.get('/edit/news/new', async (c) => form(c, null, EMPTY_FORM, []));

  app.post('/edit/news/new', async (c) => {
    const values = formValues(await formFields(c));
    if (await usedUp(c)) return form(c, null, values, await tooManyError(c), 429);
    try {
      const id = await store.save(toDraft(values), { actor: actor(c) });
      await deps.contentChanged();
      return c.redirect(`/edit/news/${id}?notice=saved`, 303);
    } catch (error) {
      if (error instanceof NewsValidationError) return form(c, null, values, fieldErrors(error), 400);
      throw error;
    }
  });

  /** The item of /edit/news/:id, or null (the route answers 404). */
  async function itemOf(c: Context<AppEnv>): Promise<NewsItemView | null> {
    const id = Id.safeParse(c.req.param('id'));
    return id.success ? news.byId(id.data) : null;
  }

  app.get('/edit/news/:id', async (c) => {
    const item = await itemOf(c);
    if (!item) return notFound(c);
    const key = c.req.query('notice') as keyof typeof NOTICES | undefined;
    const notice = key && key in NOTICES ? (await pages.siteContext(c)).i18n.text(newsText)(NOTICES[key]) : undefined;
    return form(c, item, valuesOf(item), [], 200, notice);
  });

  app.post('/edit/news/:id', async (c) => {
    const item = await itemOf(c);
    if (!item) return notFound(c);
    const values = formValues(await formFields(c));
    if (await usedUp(c)) return form(c, item, values, await tooManyError(c), 429);
    try {
      await store.save(toDraft(values), { id: item.id, correction: values.correction, actor: actor(c) });
      await deps.contentChanged();
      return c.redirect(`/edit/news/${item.id}?notice=saved`, 303);
    } catch (error) {
      if (error instanceof NewsValidationError) return form(c, item, values, fieldErrors(error), 400);
      throw error;
    }
  });

  const steps = [
    ['submit', 'submitted', (id: number, c: Context<AppEnv>) => store.submit(id, actor(c))],
    ['sign-off', 'signed-off', (id: number, c: Context<AppEnv>) => store.signOff(id, c.get('user')!.name, actor(c))],
    ['publish', 'published', (id: number, c: Context<AppEnv>) => store.publish(id, actor(c))],
  ] as const;
  for (const [path, notice, step] of steps) {
    app.post(`/edit/news/:id/${path}`, async (c) => {
      const item = await itemOf(c);
      if (!item) return notFound(c);
      if (await usedUp(c)) return form(c, item, valuesOf(item), await tooManyError(c), 429);
      try {
        await step(item.id, c);
      } catch (error) {
        if (!(error instanceof NewsStateError)) throw error;
        const t = (await pages.siteContext(c)).i18n.text(newsText);
        return form(c, item, valuesOf(item), [{ field: fieldId('headline'), message: t('stepRefused', { reason: error.message }) }], 409);
      }
      await deps.contentChanged();
      return c.redirect(`/edit/news/${item.id}?notice=${notice}`, 303);
    });
  }

  return app;
}
