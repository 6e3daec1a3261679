import { citationsTextIn, studyTypeText } from '../../citations/messages/index.js';
/** The e-mails of following: confirmation, welcome, digest. Each carries one-click unsubscribe (RFC 8058). */
import type { SiteContext } from '../../web/site-context.js';
import { type Block, composeEmail } from '../compose.js';
import { mailText } from '../messages/index.js';
import type { Change } from './changes.js';
import type { Frequency } from './store.js';

export interface FollowerLinks {
  manage: string;
  unsubscribe: string;
}

/** List-Unsubscribe (the POST target) and List-Unsubscribe-Post: mail clients show an unsubscribe button that works without opening anything. */
export function listHeaders(site: SiteContext, links: FollowerLinks): Record<string, string> {
  const host = new URL(site.baseUrl).hostname;
  return {
    'List-Unsubscribe': `<${links.unsubscribe}>`,
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    'List-Id': `<following.${host}>`,
  };
}

function footer(site: SiteContext, email: string, links: FollowerLinks): Block[] {
  const t = site.i18n.text(mailText);
  const organisation = site.settings.organisation;
  return [
    { rule: true },
    { link: { label: t('emailManage'), href: links.manage } },
    { link: { label: t('emailUnsubscribe'), href: links.unsubscribe } },
    { small: t('emailWhy', { email, organisation }) },
    { small: t('emailSentBy', { organisation, url: `${site.baseUrl}/` }) },
  ];
}

export function confirmationEmail(site: SiteContext, input: { email: string; topics: string[]; confirmUrl: string; links: FollowerLinks }) {
  const t = site.i18n.text(mailText);
  const organisation = site.settings.organisation;
  const body = composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('emailConfirmSubject', { organisation }),
    blocks: [
      { p: t('emailConfirmBody', { organisation }) },
      { list: input.topics },
      { link: { label: t('emailConfirmLink'), href: input.confirmUrl } },
      { small: t('emailConfirmIgnore') },
      ...footer(site, input.email, input.links),
    ],
  });
  return { ...body, headers: listHeaders(site, input.links) };
}

export function welcomeEmail(site: SiteContext, input: { email: string; frequency: Frequency; topics: string[]; links: FollowerLinks }) {
  const t = site.i18n.text(mailText);
  const s = site.settings;
  const frequency = t(input.frequency === 'immediately' ? 'emailWelcomeImmediately' : input.frequency === 'daily' ? 'emailWelcomeDaily' : 'emailWelcomeWeekly');
  const help: string[] = [...s.hotlines.map((h) => `${h.label}: ${h.number}`), t('emailWelcomeContact', { email: s.contactEmail })];
  const blocks: Block[] = [
    { p: t('emailWelcomeBody', { organisation: s.organisation }) },
    { list: input.topics },
    { p: t('emailWelcomeExpect', { frequency }) },
    { heading: t('emailWelcomeHelp') },
    { list: help },
  ];
  if (s.disclaimer.trim()) blocks.push({ heading: t('emailDisclaimer') }, { small: plainText(s.disclaimer) });
  const body = composeEmail({ lang: site.lang, dir: site.i18n.dir, subject: t('emailWelcomeSubject', { organisation: s.organisation }), blocks: [...blocks, ...footer(site, input.email, input.links)] });
  return { ...body, headers: listHeaders(site, input.links) };
}

export function digestEmail(site: SiteContext, input: { email: string; changes: Change[]; links: FollowerLinks }) {
  const t = site.i18n.text(mailText);
  const organisation = site.settings.organisation;
  const items: Block[] = input.changes.map((c) => {
    const line =
      c.kind === 'revision'
        ? c.detail.trim()
          ? t('emailChangeRevision', { title: c.title, detail: c.detail })
          : t('emailChangeRevisionNoSummary', { title: c.title })
        : c.kind === 'review'
          ? t('emailChangeReview', { title: c.title })
          : c.kind === 'research'
            ? t('emailChangeResearch', { title: c.title, studyType: studyTypeText(citationsTextIn(site.i18n), c.studyType ?? 'unknown').label, detail: c.detail })
            : t('emailChangeNews', { title: c.title, detail: c.detail });
    return { link: { label: line, href: `${site.baseUrl}${site.i18n.path(c.path)}` } };
  });
  const body = composeEmail({
    lang: site.lang,
    dir: site.i18n.dir,
    subject: t('emailDigestSubject', { count: input.changes.length, organisation }),
    blocks: [{ p: t('emailDigestIntro') }, ...items, ...footer(site, input.email, input.links)],
  });
  return { ...body, headers: listHeaders(site, input.links) };
}

/** Site settings texts are Markdown: an e-mail gets their words without the markup. */
function plainText(markdown: string): string {
  return markdown
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]+/g, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
