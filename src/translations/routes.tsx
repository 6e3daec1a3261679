/**
 * Translators' routes: the dashboard per language, one's own languages, and
 * translating a page (save, send for review, approve). Every route:
 * permission → rate limit (writes) → validation → handler; a failed save
 * answers the form again with what was typed and a message per field.
 */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { clientIp } from '../accounts/client-ip.js';
import type { AppEnv } from '../accounts/context.js';
import { formFields } from '../accounts/forms.js';
import { requirePermission } from '../accounts/middleware.js';
import { can } from '../accounts/permissions.js';
import type { FieldError } from '../accounts/views/form-parts.js';
import type { Db } from '../db/database.js';
import type { FieldProblem } from '../directory/errors.js';
import type { MarkdownRenderer } from '../content/markdown.js';
import { type CitationHtml, type TopicPresentation, presentTopic } from '../directory/presenter.js';
import type { DirectoryQueries } from '../directory/queries.js';
import { TranslationDocument, translationAsText } from './document.js';
import { sourceHash } from './source-text.js';
import { translatedTopic } from './topic-translation.js';
import { type Lang, TRANSLATED_LANGS, isLang } from '../i18n/languages.js';
import { measureEase, plainText } from '../editing/readability.js';
import { wordDiff } from '../editing/word-diff.js';
import { TranslationChangesPage } from './views/changes-page.js';
import { NotFoundPage } from '../site/views/site-pages.js';
import type { PageRenderer } from '../web/page-renderer.js';
import type { Limiter } from '../web/rate-limits.js';
import type { TranslationDocumentInput } from './document.js';
import { translationsText } from './messages/index.js';
import type { TranslationQueries } from './queries.js';
import { type EnglishSection, englishSections } from './store.js';
import { TranslationDashboardPage } from './views/dashboard-page.js';
import { TranslationEditorPage, fieldNames } from './views/editor-page.js';
import { type TranslationRevision, type TranslationWorkflow, TranslationWorkflowError } from './workflow.js';

export interface TranslationRouteDeps {
  db: Db;
  queries: TranslationQueries;
  workflow: TranslationWorkflow;
  pages: PageRenderer;
  /** Saves and workflow steps, per person (src/web/rate-limits.ts). */
  writes: Limiter;
  contentChanged(): Promise<void>;
  /** ATOZ_TRUST_PROXY: take the client address from X-Forwarded-For (the audit log). */
  trustProxy: boolean;
  /** What the editor's preview renders the page with (the reader's presenter and view); no preview without it. */
  preview?: { directory: DirectoryQueries; markdown: MarkdownRenderer; citations: () => Promise<CitationHtml> } | undefined;
}

const NOTICES = { saved: 'noticeSaved', submitted: 'noticeSubmitted', approved: 'noticeApproved', sentBack: 'noticeSentBack', languages: 'languagesSaved' } as const;
const RevisionId = z.coerce.number().int().min(1).max(2 ** 31 - 1);
const BaseId = z.coerce.number().int().min(0).max(2 ** 31 - 1).catch(0);
const REASONS = { notInReview: 'reasonNotInReview', notYourLanguage: 'reasonNotYourLanguage', ownRevision: 'reasonOwnRevision', noRevision: 'reasonNoRevision' } as const;

/** The form's values for a translation document (what the editor shows). */
function valuesOf(doc: TranslationDocumentInput): Record<string, string> {
  const values: Record<string, string> = {
    [fieldNames.title]: doc.title,
    [fieldNames.summary]: doc.summary ?? '',
    [fieldNames.translators]: (doc.translators ?? []).map((p) => (p.credentials ? `${p.name} | ${p.credentials}` : p.name)).join('\n'),
  };
  for (const s of doc.sections) {
    if (s.heading) values[fieldNames.heading(s.sourceAnchor)] = s.heading;
    s.entries.forEach((body, i) => (values[fieldNames.entry(s.sourceAnchor, i)] = body));
  }
  return values;
}

/**
 * The typed form as a translation document: a section whose fields are all
 * empty is left out (readers get the English); one half filled is an error.
 */
function documentOf(values: Record<string, string>, lang: Lang, english: EnglishSection[], demo: boolean, t: (key: 'errorPartialSection' | 'errorTranslators') => string): { doc: TranslationDocumentInput; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value = (name: string) => (values[name] ?? '').replace(/\r\n/g, '\n').trim();
  const sections: TranslationDocumentInput['sections'] = [];
  for (const section of english) {
    const names = [...(section.heading !== null ? [fieldNames.heading(section.anchor)] : []), ...section.entries.map((_, i) => fieldNames.entry(section.anchor, i))];
    const filled = names.filter((n) => value(n) !== '');
    if (!filled.length) continue;
    if (filled.length < names.length) {
      errors.push({ field: names.find((n) => value(n) === '')!, message: t('errorPartialSection') });
      continue;
    }
    sections.push({ sourceAnchor: section.anchor, heading: section.heading !== null ? value(fieldNames.heading(section.anchor)) : null, entries: section.entries.map((_, i) => value(fieldNames.entry(section.anchor, i))) });
  }
  const translators = value(fieldNames.translators)
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [name = '', ...rest] = line.split('|');
      return { name: name.trim(), credentials: rest.join('|').trim() };
    });
  if (translators.some((p) => !p.name)) errors.push({ field: fieldNames.translators, message: t('errorTranslators') });
  return { doc: { lang, title: value(fieldNames.title), summary: value(fieldNames.summary), translators, demo, sections }, errors };
}

/** A problem of the schema or of checkTranslation, on the field it concerns. */
function fieldOf(problem: FieldProblem, english: EnglishSection[], doc: TranslationDocumentInput): string {
  const [head, index, part, entry] = problem.path.split('.');
  if (head === 'title' || head === 'summary') return head;
  if (head === 'translators') return fieldNames.translators;
  if (head === 'sections' && index !== undefined) {
    const anchor = doc.sections[Number(index)]?.sourceAnchor;
    const source = english.find((s) => s.anchor === anchor);
    if (anchor && source) return part === 'entries' ? fieldNames.entry(anchor, Number(entry ?? 0)) : source.heading !== null ? fieldNames.heading(anchor) : fieldNames.entry(anchor, 0);
  }
  return fieldNames.title;
}

/** The words readers read in a translation form: the summary and every translated text, as plain text. */
function translatedText(values: Record<string, string>): string {
  const texts = Object.entries(values).filter(([name]) => name === fieldNames.summary || name.startsWith('entry-')).map(([, v]) => plainText(v));
  return texts.filter((t) => t.trim()).join('\n\n');
}

export function translationRoutes(deps: TranslationRouteDeps) {
  const { pages, queries, workflow } = deps;
  const app = new Hono<AppEnv>();

  app.use('/translate', requirePermission('translation.edit'));
  // Every address under /translate, so a new one cannot be left open by mistake.
  app.use('/translate/*', requirePermission('translation.edit'));
  app.use('/translate/:lang/:slug/approve', requirePermission('translation.review'));
  app.use('/translate/:lang/:slug/send-back', requirePermission('translation.review'));

  const frame = async (c: Context<AppEnv>) => ({ site: await pages.siteContext(c), user: c.get('user')!, csrfToken: c.get('csrfToken') });
  const text = async (c: Context<AppEnv>) => (await pages.siteContext(c)).i18n.text(translationsText);
  const notFound = async (c: Context<AppEnv>) => pages.fresh(c, <NotFoundPage site={await pages.siteContext(c)} />, 404);
  const usedUp = async (c: Context<AppEnv>) => !(await deps.writes.take(`user:${c.get('user')!.id}`)).allowed;
  const notice = async (c: Context<AppEnv>) => {
    const key = c.req.query('notice');
    return key && key in NOTICES ? (await text(c))(NOTICES[key as keyof typeof NOTICES]) : undefined;
  };

  app.get('/translate', async (c) => {
    const user = c.get('user')!;
    const mine = await workflow.languagesOf(user.id);
    // People who said which languages they translate see those first; everyone sees every language.
    const order = [...mine.map((m) => m.lang), ...TRANSLATED_LANGS.filter((l) => !mine.some((m) => m.lang === l))];
    const work = await Promise.all(order.map(async (lang) => ({ lang, outdated: await queries.outdated(lang), waiting: await queries.waiting(lang), untranslated: await queries.untranslated(lang) })));
    return pages.fresh(c, <TranslationDashboardPage {...await frame(c)} work={work} mine={mine} mayReview={can(user, 'translation.review')} notice={await notice(c)} />);
  });

  app.post('/translate/languages', async (c) => {
    const user = c.get('user')!;
    const fields = await formFields(c);
    if (await usedUp(c)) return c.text((await text(c))('tooMany'), 429);
    const languages = TRANSLATED_LANGS.filter((lang) => fields[`translates-${lang}`] === 'yes').map((lang) => ({
      lang,
      credentials: (fields[`credentials-${lang}`] ?? '').trim(),
      reviews: fields[`reviews-${lang}`] === 'yes',
    }));
    await workflow.setLanguages(user.id, languages, can(user, 'translation.review'));
    return c.redirect('/translate?notice=languages', 303);
  });

  /** The page and language of /translate/:lang/:slug, or null (404). */
  async function target(c: Context<AppEnv>): Promise<{ lang: Lang; page: { id: number; slug: string; title: string; summary: string } } | null> {
    const lang = c.req.param('lang');
    if (!isLang(lang) || !TRANSLATED_LANGS.includes(lang)) return null;
    const page = await deps.db.selectFrom('pages').select(['id', 'slug', 'title', 'summary']).where('slug', '=', c.req.param('slug') ?? '').where('deleted_at', 'is', null).executeTakeFirst();
    return page ? { lang, page } : null;
  }

  /**
   * The page as its readers would see this unsaved translation: the reader's
   * presenter and view, fed from the form (nothing is written). Notices are
   * in the translator's interface language, the page's words in the translation's.
   */
  async function previewOf(c: Context<AppEnv>, at: { lang: Lang; page: { slug: string } }, doc: TranslationDocumentInput, english: EnglishSection[]): Promise<TopicPresentation | null> {
    if (!deps.preview) return null;
    const parsed = TranslationDocument.safeParse(doc);
    if (!parsed.success) return null;
    const [page, tree, formatter, site] = await Promise.all([deps.preview.directory.page(at.page.slug), deps.preview.directory.tree(), deps.preview.citations(), pages.siteContext(c)]);
    if (!page) return null;
    const at0 = new Date().toISOString();
    const byAnchor = new Map(english.map((s) => [s.anchor, s]));
    const translation = {
      id: 0, pageId: page.id, lang: at.lang, title: parsed.data.title, summary: parsed.data.summary, translators: parsed.data.translators, demo: parsed.data.demo,
      reviewerName: null, reviewedAt: null, publishedAt: at0,
      sections: parsed.data.sections.map((s) => {
        const source = byAnchor.get(s.sourceAnchor);
        return { sourceAnchor: s.sourceAnchor, heading: s.heading, entries: s.entries, sourceText: source?.text ?? '', sourceHash: source?.hash ?? sourceHash(''), madeAt: at0, outdatedSince: null, safety: false };
      }),
    };
    return presentTopic(page, tree, site, deps.preview.markdown, formatter, { translation: translatedTopic(page, translation, site) });
  }

  async function editor(c: Context<AppEnv>, at: { lang: Lang; page: { id: number; slug: string; title: string; summary: string } }, form?: { values: Record<string, string>; errors: FieldError[]; baseRevisionId: number; status: number; preview?: TopicPresentation | null }) {
    const user = c.get('user')!;
    const [english, published, revisions] = await Promise.all([englishSections(deps.db, at.page.id), queries.published(at.page.id, at.lang), workflow.revisions(at.page.id, at.lang)]);
    const head: TranslationRevision | undefined = revisions[0];
    let values = form?.values;
    if (!values) {
      const start = head?.document ?? published ?? null;
      values = start ? valuesOf({ ...start, summary: start.summary }) : {};
      if (!start) {
        const mine = (await workflow.languagesOf(user.id)).find((m) => m.lang === at.lang);
        values[fieldNames.translators] = mine?.credentials ? `${user.name} | ${mine.credentials}` : user.name;
      }
    }
    const waiting = revisions.find((r) => r.state === 'in_review');
    // A draft a reviewer sent back: what they asked for, above the form.
    const sentBack = head?.state === 'draft' ? await workflow.sentBackComment(head.id, at.lang, at.page.slug) : null;
    const review = waiting
      ? { revision: waiting, mayApprove: can(user, 'translation.review') && waiting.authorUserId !== user.id && (await workflow.reviewsLanguage(user.id, at.lang)) }
      : null;
    return pages.fresh(
      c,
      <TranslationEditorPage
        {...await frame(c)}
        lang={at.lang}
        page={at.page}
        english={english}
        published={published}
        values={values}
        baseRevisionId={form?.baseRevisionId ?? head?.id ?? 0}
        errors={form?.errors ?? []}
        revisions={revisions}
        review={review}
        sentBack={sentBack}
        preview={form?.preview ?? null}
        previewAvailable={Boolean(deps.preview)}
        ease={measureEase(translatedText(values), at.lang)}
        commentValue={form?.values.comment ?? ''}
        notice={form ? undefined : await notice(c)}
      />,
      form?.status ?? 200,
    );
  }

  app.get('/translate/:lang/:slug/changes/:number{[1-9][0-9]{0,5}}', async (c) => {
    const at = await target(c);
    if (!at) return notFound(c);
    const number = Number(c.req.param('number'));
    const revisions = await workflow.revisions(at.page.id, at.lang);
    const revision = revisions.find((r) => r.number === number);
    if (!revision) return notFound(c);
    // The revision saved just before it (numbers may skip when a draft was replaced in place).
    const previous = revisions.filter((r) => r.number < number).sort((a, b) => b.number - a.number)[0] ?? null;
    const parts = wordDiff(previous ? translationAsText(previous.document) : '', translationAsText(revision.document));
    return pages.fresh(c, <TranslationChangesPage {...await frame(c)} lang={at.lang} page={at.page} revision={revision} previous={previous} parts={parts} />);
  });

  app.get('/translate/:lang/:slug', async (c) => {
    const at = await target(c);
    return at ? editor(c, at) : notFound(c);
  });

  app.post('/translate/:lang/:slug', async (c) => {
    const at = await target(c);
    if (!at) return notFound(c);
    const values = Object.fromEntries(Object.entries(await formFields(c)).map(([k, v]) => [k, v.slice(0, 25_000)]));
    const baseRevisionId = BaseId.parse(values.baseRevisionId);
    const t = await text(c);
    if (await usedUp(c)) return editor(c, at, { values, errors: [{ field: fieldNames.title, message: t('tooMany') }], baseRevisionId, status: 429 });
    const english = await englishSections(deps.db, at.page.id);
    const published = await queries.published(at.page.id, at.lang);
    const { doc, errors } = documentOf(values, at.lang, english, published?.demo ?? false, t);
    if (errors.length) return editor(c, at, { values, errors, baseRevisionId, status: 400 });
    if (values.intent === 'preview') {
      // Nothing is saved: the form comes back as typed, with the page as readers would see it.
      return editor(c, at, { values, errors: [], baseRevisionId, status: 200, preview: await previewOf(c, at, doc, english) });
    }
    const submit = values.intent === 'submit';
    const outcome = await workflow.save({ pageId: at.page.id, doc, userId: c.get('user')!.id, ip: clientIp(c, deps.trustProxy), summary: values[fieldNames.editSummary] ?? '', baseRevisionId, submit });
    if (outcome.kind === 'invalid') {
      return editor(c, at, { values, errors: outcome.problems.map((p) => ({ field: fieldOf(p, english, doc), message: p.message })), baseRevisionId, status: 400 });
    }
    if (outcome.kind === 'conflict') {
      // The form's base moves to their revision, so saving again is a deliberate choice.
      return editor(c, at, { values, errors: [{ field: fieldNames.title, message: t('errorConflict', { number: outcome.head.number }) }], baseRevisionId: outcome.head.id, status: 409 });
    }
    return c.redirect(`/translate/${at.lang}/${at.page.slug}?notice=${submit ? 'submitted' : 'saved'}`, 303);
  });

  app.post('/translate/:lang/:slug/approve', async (c) => {
    const at = await target(c);
    if (!at) return notFound(c);
    const fields = await formFields(c);
    const t = await text(c);
    if (await usedUp(c)) return c.text(t('tooMany'), 429);
    const id = RevisionId.safeParse(fields.revisionId);
    try {
      if (!id.success) throw new TranslationWorkflowError('noRevision');
      const revision = (await workflow.revisions(at.page.id, at.lang)).find((r) => r.id === id.data);
      if (!revision) throw new TranslationWorkflowError('noRevision');
      const user = c.get('user')!;
      await workflow.approve(revision.id, { id: user.id, name: user.name, ip: clientIp(c, deps.trustProxy) });
    } catch (error) {
      if (!(error instanceof TranslationWorkflowError)) throw error;
      return editorWithReason(c, at, t(REASONS[error.reason]));
    }
    await deps.contentChanged();
    return c.redirect(`/translate/${at.lang}/${at.page.slug}?notice=approved`, 303);
  });

  app.post('/translate/:lang/:slug/send-back', async (c) => {
    const at = await target(c);
    if (!at) return notFound(c);
    const fields = await formFields(c);
    const t = await text(c);
    if (await usedUp(c)) return c.text(t('tooMany'), 429);
    const id = RevisionId.safeParse(fields.revisionId);
    const comment = (fields.comment ?? '').trim().slice(0, 2000);
    try {
      if (!id.success) throw new TranslationWorkflowError('noRevision');
      const revision = (await workflow.revisions(at.page.id, at.lang)).find((r) => r.id === id.data);
      if (!revision) throw new TranslationWorkflowError('noRevision');
      // The translator needs to know what to change: a send-back says it, and the form comes back with nothing lost.
      if (!comment) return editorWithReason(c, at, t('errorSendBackComment'), { comment: fields.comment ?? '' }, 400);
      await workflow.sendBack(revision.id, { id: c.get('user')!.id, ip: clientIp(c, deps.trustProxy) }, comment);
    } catch (error) {
      if (!(error instanceof TranslationWorkflowError)) throw error;
      return editorWithReason(c, at, t(REASONS[error.reason]));
    }
    return c.redirect(`/translate/${at.lang}/${at.page.slug}?notice=sentBack`, 303);
  });

  /** The editor with a workflow step's refusal at the top (nothing was changed). */
  async function editorWithReason(c: Context<AppEnv>, at: { lang: Lang; page: { id: number; slug: string; title: string; summary: string } }, reason: string, extra: Record<string, string> = {}, status = 409) {
    const revisions = await workflow.revisions(at.page.id, at.lang);
    const published = await queries.published(at.page.id, at.lang);
    const start = revisions[0]?.document ?? published;
    const field = 'comment' in extra ? 'comment' : fieldNames.title;
    return editor(c, at, { values: { ...(start ? valuesOf(start) : {}), ...extra }, errors: [{ field, message: reason }], baseRevisionId: revisions[0]?.id ?? 0, status });
  }

  return app;
}
