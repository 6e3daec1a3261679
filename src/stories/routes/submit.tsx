/** The story form at /stories/new: anyone may send one; an address without an account is confirmed by e-mail first. */
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { clientIp } from '../../accounts/client-ip.js';
import type { AppEnv } from '../../accounts/context.js';
import type { FieldError } from '../../accounts/views/form-parts.js';
import { formStarted, spamProblem } from '../../community/spam.js';
import { normaliseAddress } from '../../mail/address.js';
import { composeEmail } from '../../mail/compose.js';
import type { SiteContext } from '../../web/site-context.js';
import { type StoriesDeps, frameOf } from '../deps.js';
import { storyLinkPath } from '../links.js';
import { storiesText } from '../messages/index.js';
import { BODY_MAX, COUNTRY_MAX, NAME_MAX, PURPOSES, TITLE_MAX, TOPICS_MAX } from '../store.js';
import { StoryFormPage, type StoryFormValues, SubmittedPage, emptyStoryForm } from '../views/submit-pages.js';

// Never refused for length here: an over-long text comes back (cut at twice the limit) with a message, not lost.
const Text = (max: number) => z.string().catch('').default('').transform((s) => s.replace(/\r\n/g, '\n').slice(0, max * 2));
/** The form as sent: every field a string (topics may repeat); lengths are checked with messages below. */
const StoryForm = z.object({
  title: Text(TITLE_MAX).transform((s) => s.trim()),
  body: Text(BODY_MAX),
  displayName: Text(NAME_MAX).transform((s) => s.trim()),
  nameKind: z.enum(['pseudonym', 'name']).catch('pseudonym'),
  country: Text(COUNTRY_MAX).transform((s) => s.trim()),
  email: Text(254).transform((s) => s.trim()),
  topics: z.union([z.string(), z.array(z.string())]).default([]).catch([]).transform((v) => (Array.isArray(v) ? v : [v]).slice(0, 50)),
  'consent-publish': z.string().optional().catch(undefined),
  'consent-translate': z.string().optional().catch(undefined),
  'consent-newsletter': z.string().optional().catch(undefined),
  'expires-publish': Text(20).transform((s) => s.trim()),
  'expires-translate': Text(20).transform((s) => s.trim()),
  'expires-newsletter': Text(20).transform((s) => s.trim()),
});
const Email = z.email().max(254);
const IsoDate = z.iso.date();

/** Only the last value of a repeated field counts, except topics. */
async function formOf(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  const body = await c.req.parseBody({ all: true });
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    if (!strings.length) continue;
    out[key] = key === 'topics' ? strings : strings[strings.length - 1];
  }
  return out;
}

export function submitRoutes(deps: StoriesDeps) {
  const app = new Hono<AppEnv>();
  const { pages, store } = deps;

  const topicChoices = async () => (await deps.directory.tree()).order.map((n) => ({ slug: n.slug, title: n.title }));
  const showForm = async (c: Context<AppEnv>, values: StoryFormValues, errors: FieldError[], status: number) =>
    pages.fresh(c, <StoryFormPage {...await frameOf(deps, c)} values={values} errors={errors} started={formStarted(deps.formKey, deps.clock())} topics={await topicChoices()} needsEmail={!c.get('user')} />, status);

  app.get('/stories/new', (c) => showForm(c, emptyStoryForm(), [], 200));

  app.post('/stories/new', async (c) => {
    const site = await pages.siteContext(c);
    const t = site.i18n.text(storiesText);
    const raw = await formOf(c);
    const parsed = StoryForm.safeParse(raw);
    const f = parsed.success ? parsed.data : StoryForm.parse({});
    const values: StoryFormValues = {
      title: f.title,
      body: f.body,
      displayName: f.displayName,
      nameKind: f.nameKind,
      country: f.country,
      email: f.email,
      topics: f.topics,
      consents: Object.fromEntries(PURPOSES.map((p) => [p, { granted: f[`consent-${p}`] === '1', expiresOn: f[`expires-${p}`] }])) as StoryFormValues['consents'],
    };
    const fields = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const spam = spamProblem(fields, deps.formKey, deps.clock());
    if (spam) return showForm(c, values, [{ field: 'title', message: t(spam === 'honeypot' ? 'formRefused' : spam) }], 400);

    const limited = await deps.rateLimits.mailRequests.take(`story:${clientIp(c, deps.trustProxy)}`);
    if (!limited.allowed) return showForm(c, values, [{ field: 'title', message: t('submissionsLimited') }], 429);

    const errors: FieldError[] = [];
    if (!values.title) errors.push({ field: 'title', message: t('titleMissing') });
    else if (values.title.length > TITLE_MAX) errors.push({ field: 'title', message: t('titleTooLong', { max: TITLE_MAX }) });
    if (!values.body.trim()) errors.push({ field: 'body', message: t('bodyMissing') });
    else if (values.body.length > BODY_MAX) errors.push({ field: 'body', message: t('bodyTooLong', { max: BODY_MAX }) });
    const tree = await deps.directory.tree();
    const pageIds = [...new Set(values.topics)].map((slug) => tree.bySlug.get(slug)?.id).filter((id): id is number => id !== undefined);
    if (pageIds.length > TOPICS_MAX) errors.push({ field: 'topic-first', message: t('topicsTooMany', { max: TOPICS_MAX }) });
    if (!values.displayName) errors.push({ field: 'display-name', message: t('nameMissing') });
    else if (values.displayName.length > NAME_MAX) errors.push({ field: 'display-name', message: t('nameTooLong', { max: NAME_MAX }) });
    if (values.country.length > COUNTRY_MAX) errors.push({ field: 'country', message: t('countryTooLong', { max: COUNTRY_MAX }) });
    const user = c.get('user');
    let to: string | null = null;
    if (user) {
      const own = normaliseAddress(user.email);
      to = 'problem' in own ? null : own.address;
    } else if (!values.email) errors.push({ field: 'email', message: t('emailMissing') });
    else {
      const address = normaliseAddress(values.email);
      if (!Email.safeParse(values.email).success || 'problem' in address) errors.push({ field: 'email', message: t('emailFormat') });
      else to = address.address;
    }
    if (!values.consents.publish.granted) errors.push({ field: 'consent-publish', message: t('publishConsentRequired') });
    const today = deps.clock().toISOString().slice(0, 10);
    for (const purpose of PURPOSES) {
      const until = values.consents[purpose].expiresOn;
      if (!until) continue;
      if (!IsoDate.safeParse(until).success) errors.push({ field: `expires-${purpose}`, message: t('expiryFormat') });
      else if (until <= today) errors.push({ field: `expires-${purpose}`, message: t('expiryPast') });
    }
    if (errors.length || !to) return showForm(c, values, errors.length ? errors : [{ field: 'email', message: t('emailFormat') }], 400);

    const address = to;
    // One address gets a few e-mails an hour at most, whoever sends stories in its name.
    if (!user && !(await deps.rateLimits.mailsPerAddress.take(`story:${address}`)).allowed) return showForm(c, values, [{ field: 'email', message: t('submissionsLimited') }], 429);
    const confirmFirst = !user;
    await deps.db.transaction().execute(async (tx) => {
      const id = await store.submit(tx, {
        title: values.title,
        body: values.body,
        displayName: values.displayName,
        nameKind: values.nameKind,
        country: values.country,
        email: address,
        authorId: user?.id ?? null,
        lang: site.lang,
        pageIds,
        consents: PURPOSES.map((purpose) => ({ purpose, granted: values.consents[purpose].granted, expiresOn: values.consents[purpose].expiresOn || null })),
        confirmed: !confirmFirst,
      });
      await deps.mail.enqueue(tx, { to: address, kind: confirmFirst ? 'story-confirm' : 'story-received', lang: site.lang, ...submittedEmail(site, deps.linkKey, { id, title: values.title, confirmFirst }) });
    });
    return pages.fresh(c, <SubmittedPage {...await frameOf(deps, c)} email={address} confirmFirst={confirmFirst} />);
  });

  return app;
}

function submittedEmail(site: SiteContext, key: Buffer, input: { id: number; title: string; confirmFirst: boolean }) {
  const t = site.i18n.text(storiesText);
  const organisation = site.settings.organisation;
  const url = (path: string) => `${site.baseUrl}${site.i18n.path(path)}`;
  return composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: input.confirmFirst ? t('confirmEmailSubject', { organisation }) : t('receivedEmailSubject', { organisation }),
    blocks: [
      { p: input.confirmFirst ? t('confirmEmailBody', { title: input.title }) : t('receivedEmailBody', { title: input.title }) },
      ...(input.confirmFirst ? [{ link: { label: t('confirmEmailLink'), href: url(storyLinkPath(key, 'confirm', input.id)) } }] : []),
      { p: t('withdrawEmailNote') },
      { link: { label: t('withdrawEmailLink'), href: url(storyLinkPath(key, 'withdraw', input.id)) } },
    ],
  });
}

