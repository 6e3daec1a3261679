/** The editors' glossary: every term, a new term, a term's form and revisions, a reviewer's approval. */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import { requirePermission } from '../../accounts/middleware.js';
import { can } from '../../accounts/permissions.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { type Lang, TRANSLATED_LANGS } from '../../i18n/languages.js';
import type { Localizer } from '../../i18n/localizer.js';
import { NotFoundPage } from '../../site/views/site-pages.js';
import { type GlossaryDeps, TERM_SLUG, frameOf } from '../deps.js';
import { checkTerm } from '../form.js';
import { glossaryText } from '../messages/index.js';
import { GlossarySlugTakenError, SelfReviewError, glossarySlug } from '../store.js';
import { GlossaryEditPage, TermFormPage, type TermValues } from '../views/editor-pages.js';

const Revision = z.object({ revision: z.string().regex(/^[1-9]\d{0,12}$/).transform(Number) });
const NOTICES = { saved: 'savedNotice', approved: 'approvedNotice', decided: 'alreadyDecided', 'self-review': 'selfReview', 'not-your-language': 'notYourLanguage' } as const;
type NoticeKey = keyof typeof NOTICES;

export function editorGlossaryRoutes(deps: GlossaryDeps, missing: () => Promise<Array<{ word: string; pages: number }>>) {
  const app = new Hono<AppEnv>();
  const { pages, store } = deps;
  const editor = requirePermission('page.edit');
  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  const valuesOf = (f: Record<string, string>): TermValues => ({ term: f.term ?? '', synonyms: f.synonyms ?? '', definition: f.definition ?? '' });

  const noticeOf = (c: Context<AppEnv>, i18n: Localizer) => {
    const key = c.req.query('notice');
    return key && key in NOTICES ? i18n.text(glossaryText)(NOTICES[key as NoticeKey]) : undefined;
  };
  const showForm = async (c: Context<AppEnv>, slug: string | null, values: TermValues, errors: FieldError[] = [], status = 200) => {
    const frame = await frameOf(deps, c);
    const [revisions, translations] = slug ? await Promise.all([store.revisions(slug), store.translationStates(TRANSLATED_LANGS, slug)]) : [[], null];
    return pages.fresh(
      c,
      <TermFormPage {...frame} slug={slug} values={values} errors={errors} notice={noticeOf(c, frame.site.i18n)} revisions={revisions} canReview={can(c.get('user'), 'page.review')} translations={slug ? translations?.get(slug) : undefined} />,
      status,
    );
  };
  /** The language of a translation address, or null for anything else (English has no translation form). */
  const targetLang = (value: string): Lang | null => ((TRANSLATED_LANGS as readonly string[]).includes(value) ? (value as Lang) : null);
  /** A translation form: the English readers see now beside the fields, and the revisions in that language. */
  const showTranslation = async (c: Context<AppEnv>, slug: string, lang: Lang, values: TermValues | null, errors: FieldError[] = [], status = 200) => {
    const frame = await frameOf(deps, c);
    const source = await store.publishedBySlug(slug);
    if (!source) return notFound(c);
    const [revisions, states] = await Promise.all([store.revisions(slug, lang), store.translationStates([lang], slug)]);
    const head = revisions[0];
    const shown = values ?? (head ? { term: head.term, synonyms: head.synonyms.join(', '), definition: head.definition } : { term: '', synonyms: '', definition: '' });
    return pages.fresh(
      c,
      <TermFormPage {...frame} slug={slug} values={shown} errors={errors} notice={noticeOf(c, frame.site.i18n)} revisions={revisions} canReview={can(c.get('user'), 'translation.review')} translation={{ lang, source, outdated: states.get(slug)?.[0]?.outdated ?? false }} />,
      status,
    );
  };
  const translator = requirePermission('translation.edit');
  /** Saves are limited per person, like page saves: a stuck key cannot fill the revisions table. */
  const limited = async (c: Context<AppEnv>): Promise<FieldError[]> => {
    const taken = await deps.rateLimits.editorWrites.take(`user:${c.get('user')!.id}`);
    return taken.allowed ? [] : [{ field: 'term', message: (await pages.siteContext(c)).i18n.text(glossaryText)('writesLimited') }];
  };

  // Translators see the list too: it is where they find terms to translate.
  app.get('/edit/glossary', translator, async (c) => {
    const canEdit = can(c.get('user'), 'page.edit');
    const [terms, lacking, translations] = await Promise.all([store.all(), canEdit ? missing() : null, store.translationStates(TRANSLATED_LANGS)]);
    return pages.fresh(c, <GlossaryEditPage {...await frameOf(deps, c)} terms={terms} missing={lacking} canEdit={canEdit} translations={translations} />);
  });

  app.get('/edit/glossary/:slug/translate/:lang', translator, async (c) => {
    const slug = c.req.param('slug');
    const lang = targetLang(c.req.param('lang'));
    if (!lang || !TERM_SLUG.test(slug)) return notFound(c);
    return showTranslation(c, slug, lang, null);
  });

  app.post('/edit/glossary/:slug/translate/:lang', translator, async (c) => {
    const slug = c.req.param('slug');
    const lang = targetLang(c.req.param('lang'));
    if (!lang || !TERM_SLUG.test(slug) || !(await store.publishedBySlug(slug))) return notFound(c);
    const fields = await formFields(c);
    const values = valuesOf(fields);
    const flood = await limited(c);
    if (flood.length) return showTranslation(c, slug, lang, values, flood, 429);
    const site = await pages.siteContext(c);
    const checked = checkTerm(site.i18n, fields, true);
    if (!checked.ok) return showTranslation(c, slug, lang, values, checked.errors, 400);
    if ((await store.translate(slug, lang, checked.value, c.get('user')!.id)) === null) return notFound(c);
    return c.redirect(site.i18n.path(`/edit/glossary/${slug}/translate/${lang}?notice=saved`), 303);
  });

  app.post('/edit/glossary/:slug/translate/:lang/approve', requirePermission('translation.review'), async (c) => {
    const slug = c.req.param('slug');
    const lang = targetLang(c.req.param('lang'));
    const parsed = Revision.safeParse(await formFields(c));
    const revisions = lang && TERM_SLUG.test(slug) ? await store.revisions(slug, lang) : [];
    if (!lang || !parsed.success || !revisions.some((r) => r.id === parsed.data.revision)) return notFound(c);
    const site = await pages.siteContext(c);
    const user = c.get('user')!;
    const back = (notice: NoticeKey) => c.redirect(site.i18n.path(`/edit/glossary/${slug}/translate/${lang}?notice=${notice}`), 303);
    // As for page translations: only someone who reviews that language signs it off.
    if (!(await deps.reviewsLanguage(user.id, lang))) return back('not-your-language');
    try {
      if (!(await store.approve(parsed.data.revision, user.id))) return back('decided');
    } catch (error) {
      if (error instanceof SelfReviewError) return back('self-review');
      throw error;
    }
    await deps.contentChanged();
    return back('approved');
  });

  // ?term= comes from the page editor's list of words the glossary lacks.
  app.get('/edit/glossary/new', editor, async (c) => showForm(c, null, { term: (c.req.query('term') ?? '').trim().slice(0, 100), synonyms: '', definition: '' }));

  app.post('/edit/glossary/new', editor, async (c) => {
    const fields = await formFields(c);
    const values = valuesOf(fields);
    const flood = await limited(c);
    if (flood.length) return showForm(c, null, values, flood, 429);
    const site = await pages.siteContext(c);
    const checked = checkTerm(site.i18n, fields);
    if (!checked.ok) return showForm(c, null, values, checked.errors, 400);
    const taken = [{ field: 'term', message: site.i18n.text(glossaryText)('termTaken') }];
    // "new" is the address of this form.
    if (glossarySlug(checked.value.term) === 'new') return showForm(c, null, values, taken, 409);
    try {
      const { slug } = await store.create(checked.value, c.get('user')!.id);
      return c.redirect(site.i18n.path(`/edit/glossary/${slug}?notice=saved`), 303);
    } catch (error) {
      if (error instanceof GlossarySlugTakenError) return showForm(c, null, values, taken, 409);
      throw error;
    }
  });

  app.get('/edit/glossary/:slug', editor, async (c) => {
    const slug = c.req.param('slug');
    const head = TERM_SLUG.test(slug) ? (await store.revisions(slug))[0] : undefined;
    if (!head) return notFound(c);
    return showForm(c, slug, { term: head.term, synonyms: head.synonyms.join(', '), definition: head.definition });
  });

  app.post('/edit/glossary/:slug', editor, async (c) => {
    const slug = c.req.param('slug');
    if (!TERM_SLUG.test(slug) || !(await store.revisions(slug)).length) return notFound(c);
    const fields = await formFields(c);
    const values = valuesOf(fields);
    const flood = await limited(c);
    if (flood.length) return showForm(c, slug, values, flood, 429);
    const site = await pages.siteContext(c);
    const checked = checkTerm(site.i18n, fields);
    if (!checked.ok) return showForm(c, slug, values, checked.errors, 400);
    await store.save(slug, checked.value, c.get('user')!.id);
    return c.redirect(site.i18n.path(`/edit/glossary/${slug}?notice=saved`), 303);
  });

  app.post('/edit/glossary/:slug/approve', requirePermission('page.review'), async (c) => {
    const slug = c.req.param('slug');
    const parsed = Revision.safeParse(await formFields(c));
    const revisions = TERM_SLUG.test(slug) ? await store.revisions(slug) : [];
    if (!parsed.success || !revisions.some((r) => r.id === parsed.data.revision)) return notFound(c);
    const site = await pages.siteContext(c);
    const back = (notice: NoticeKey) => c.redirect(site.i18n.path(`/edit/glossary/${slug}?notice=${notice}`), 303);
    try {
      if (!(await store.approve(parsed.data.revision, c.get('user')!.id))) return back('decided');
    } catch (error) {
      if (error instanceof SelfReviewError) return back('self-review');
      throw error;
    }
    await deps.contentChanged();
    return back('approved');
  });

  return app;
}
