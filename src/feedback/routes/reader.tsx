/** The reader's side: the two feedback forms (GET shows, POST stores) and the thank-you. */
import { type Context, Hono } from 'hono';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import { formFields } from '../../accounts/forms.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { HONEYPOT_FIELD } from '../../community/spam.js';
import { type FeedbackDeps, frameOf, pageBySlug } from '../deps.js';
import { checkHelpful, checkProblem, commentOf } from '../form.js';
import { feedbackText } from '../messages/index.js';
import { PROBLEMS } from '../store.js';
import { type FeedbackTarget, HelpfulFormPage, type HelpfulValues, ProblemFormPage, type ProblemValues, ThanksPage, UnknownPagePage } from '../views/reader-pages.js';

export function readerFeedbackRoutes(deps: FeedbackDeps) {
  const app = new Hono<AppEnv>();
  const { pages } = deps;
  const unknown = async (c: Context<AppEnv>, comment = '') => pages.fresh(c, <UnknownPagePage {...await frameOf(deps, c)} comment={comment} />, 404);
  const helpfulForm = async (c: Context<AppEnv>, target: FeedbackTarget, values: HelpfulValues, errors: FieldError[], status = 200) =>
    pages.fresh(c, <HelpfulFormPage {...await frameOf(deps, c)} target={target} values={values} errors={errors} />, status);
  const problemForm = async (c: Context<AppEnv>, target: FeedbackTarget, values: ProblemValues, errors: FieldError[], status = 200) =>
    pages.fresh(c, <ProblemFormPage {...await frameOf(deps, c)} target={target} values={values} errors={errors} />, status);

  /** Before anything is read: a flood is refused (with the text kept), whatever it contains. */
  const flooded = async (c: Context<AppEnv>, form: 'helpful' | 'problem'): Promise<FieldError[]> => {
    const limited = await deps.rateLimits.readerFeedback.take(`${form}:${clientIp(c, deps.trustProxy)}`);
    if (limited.allowed) return [];
    const t = (await pages.siteContext(c)).i18n.text(feedbackText);
    return [{ field: 'comment', message: t('feedbackLimited', { minutes: Math.ceil(limited.retryAfterSeconds / 60) }) }];
  };
  const refused = async (c: Context<AppEnv>, fields: Record<string, string>): Promise<FieldError[]> =>
    (fields[HONEYPOT_FIELD] ?? '').trim() !== '' ? [{ field: 'comment', message: (await pages.siteContext(c)).i18n.text(feedbackText)('formRefused') }] : [];

  app.get('/feedback/:slug', async (c) => {
    const page = await pageBySlug(deps.db, c.req.param('slug'));
    if (!page) return unknown(c);
    const helpful = c.req.query('helpful');
    return helpfulForm(c, page, { helpful: helpful === 'yes' || helpful === 'no' ? helpful : '', comment: '' }, []);
  });

  app.post('/feedback/:slug', async (c) => {
    const page = await pageBySlug(deps.db, c.req.param('slug'));
    const fields = await formFields(c);
    if (!page) return unknown(c, commentOf(fields));
    const values: HelpfulValues = { helpful: fields.helpful === 'yes' || fields.helpful === 'no' ? fields.helpful : '', comment: commentOf(fields) };
    const limited = await flooded(c, 'helpful');
    if (limited.length) return helpfulForm(c, page, values, limited, 429);
    const spam = await refused(c, fields);
    if (spam.length) return helpfulForm(c, page, values, spam, 400);
    const site = await pages.siteContext(c);
    const checked = checkHelpful(site.i18n, fields);
    if (!checked.ok) return helpfulForm(c, page, values, checked.errors, 400);
    await deps.store.add({ pageId: page.id, kind: 'helpful', helpful: checked.value.helpful, problem: null, comment: checked.value.comment, lang: site.lang });
    return pages.fresh(c, <ThanksPage {...await frameOf(deps, c)} target={page} kind="helpful" />);
  });

  app.get('/feedback/:slug/problem', async (c) => {
    const page = await pageBySlug(deps.db, c.req.param('slug'));
    if (!page) return unknown(c);
    return problemForm(c, page, { problem: '', comment: '' }, []);
  });

  app.post('/feedback/:slug/problem', async (c) => {
    const page = await pageBySlug(deps.db, c.req.param('slug'));
    const fields = await formFields(c);
    if (!page) return unknown(c, commentOf(fields));
    const problem = PROBLEMS.find((p) => p === fields.problem) ?? '';
    const values: ProblemValues = { problem, comment: commentOf(fields) };
    const limited = await flooded(c, 'problem');
    if (limited.length) return problemForm(c, page, values, limited, 429);
    const spam = await refused(c, fields);
    if (spam.length) return problemForm(c, page, values, spam, 400);
    const site = await pages.siteContext(c);
    const checked = checkProblem(site.i18n, fields);
    if (!checked.ok) return problemForm(c, page, values, checked.errors, 400);
    await deps.store.add({ pageId: page.id, kind: 'problem', helpful: null, problem: checked.value.problem, comment: checked.value.comment, lang: site.lang });
    return pages.fresh(c, <ThanksPage {...await frameOf(deps, c)} target={page} kind="problem" />);
  });

  return app;
}
