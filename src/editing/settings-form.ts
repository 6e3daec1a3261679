import { z } from 'zod';
import type { FieldError } from '../accounts/views/form-parts.js';
import { SiteSettings, type SiteSettingsInput } from '../site/settings.js';
import { linkRule } from '../content/links.js';
import { SOURCE_LANG, isLang } from '../i18n/languages.js';
import type { EditingKey, EditingText } from './views/text.js';

/** The site settings form as submitted: strings only, so everything typed can be shown again. */
export const SettingsForm = z.object({
  organisation: z.string().max(10_000).default(''),
  tagline: z.string().max(10_000).default(''),
  description: z.string().max(20_000).default(''),
  contactEmail: z.string().max(10_000).default(''),
  hotlines: z.string().max(20_000).default(''),
  urgentHelp: z.string().max(10_000).default(''),
  address: z.string().max(10_000).default(''),
  donateUrl: z.string().max(10_000).default(''),
  language: z.string().max(100).default(''),
  sections: z.string().max(20_000).default(''),
  directoryTitle: z.string().max(10_000).default(''),
  disclaimer: z.string().max(100_000).default(''),
  about: z.string().max(100_000).default(''),
  support: z.string().max(100_000).default(''),
  contact: z.string().max(100_000).default(''),
  copyright: z.string().max(10_000).default(''),
  citationStyle: z.string().max(100).default('vancouver'),
  ownedBy: z.string().max(10_000).default(''),
  funding: z.string().max(20_000).default(''),
  advertising: z.string().max(100).default('unstated'),
  advertisingPolicy: z.string().max(20_000).default(''),
  editorialPolicy: z.string().max(100_000).default(''),
  declarationMonths: z.string().max(100).default('12'),
});
export type SettingsForm = z.infer<typeof SettingsForm>;

export const SETTINGS_FIELDS: Array<{ key: keyof SettingsForm; label: EditingKey }> = [
  { key: 'organisation', label: 'settingsLabelOrganisation' },
  { key: 'tagline', label: 'settingsLabelTagline' },
  { key: 'description', label: 'settingsLabelDescription' },
  { key: 'contactEmail', label: 'settingsLabelContactEmail' },
  { key: 'hotlines', label: 'settingsLabelHotlines' },
  { key: 'urgentHelp', label: 'settingsLabelUrgentHelp' },
  { key: 'address', label: 'settingsLabelAddress' },
  { key: 'donateUrl', label: 'settingsLabelDonateUrl' },
  { key: 'language', label: 'settingsLabelLanguage' },
  { key: 'sections', label: 'settingsLabelSections' },
  { key: 'directoryTitle', label: 'settingsLabelDirectoryTitle' },
  { key: 'citationStyle', label: 'settingsLabelCitationStyle' },
  { key: 'about', label: 'settingsLabelAbout' },
  { key: 'disclaimer', label: 'settingsLabelDisclaimer' },
  { key: 'support', label: 'settingsLabelSupport' },
  { key: 'contact', label: 'settingsLabelContact' },
  { key: 'copyright', label: 'settingsLabelCopyright' },
  { key: 'ownedBy', label: 'settingsLabelOwnedBy' },
  { key: 'funding', label: 'settingsLabelFunding' },
  { key: 'advertising', label: 'settingsLabelAdvertising' },
  { key: 'advertisingPolicy', label: 'settingsLabelAdvertisingPolicy' },
  { key: 'editorialPolicy', label: 'settingsLabelEditorialPolicy' },
  { key: 'declarationMonths', label: 'settingsLabelDeclarationMonths' },
];

export const settingsFieldId = (key: string) => `s-${key}`;

/** "Label | value" lines, as the form shows lists of pairs. */
function pairLines(pairs: Array<[string, string]>): string {
  return pairs.map(([a, b]) => `${a} | ${b}`).join('\n');
}

export function formFromSettings(s: SiteSettings): SettingsForm {
  return {
    organisation: s.organisation,
    tagline: s.tagline,
    description: s.description,
    contactEmail: s.contactEmail,
    hotlines: pairLines(s.hotlines.map((h) => [h.label, h.number])),
    urgentHelp: s.urgentHelp,
    address: s.address,
    donateUrl: s.donateUrl ?? '',
    language: s.language,
    sections: s.sections.map((n) => `${n.label} | ${n.href}${Object.keys(n.labels).length ? ` | ${Object.entries(n.labels).map(([lang, label]) => `${lang}: ${label}`).join('; ')}` : ''}`).join('\n'),
    directoryTitle: s.directoryTitle,
    disclaimer: s.disclaimer,
    about: s.about,
    support: s.support,
    contact: s.contact,
    copyright: s.copyright,
    citationStyle: s.citationStyle,
    ownedBy: s.ownedBy,
    funding: s.funding,
    advertising: s.advertising,
    advertisingPolicy: s.advertisingPolicy,
    editorialPolicy: s.editorialPolicy,
    declarationMonths: String(s.declarationMonths),
  };
}

/** Reads the form into settings, with each problem next to its field (list problems name their line), in the admin's language. */
export function settingsFromForm(form: SettingsForm, t: EditingText): { settings: SiteSettingsInput | null; errors: FieldError[] } {
  const label = (key: string) => {
    const known = SETTINGS_FIELDS.find((f) => f.key === key);
    return known ? t(known.label) : key;
  };
  const errors: FieldError[] = [];
  const pairs = (key: 'hotlines' | 'sections', text: string) =>
    text
      .split(/\r?\n/)
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim())
      .map(({ line, i }) => {
        const bar = line.indexOf('|');
        if (bar < 0) errors.push({ field: settingsFieldId(key), message: t('settingsProblemLine', { label: label(key), line: i + 1, problem: t(key === 'hotlines' ? 'settingsPairNumber' : 'settingsPairAddress') }) });
        return [line.slice(0, bar < 0 ? undefined : bar).trim(), bar < 0 ? '' : line.slice(bar + 1).trim(), i + 1] as const;
      });
  const hotlines = pairs('hotlines', form.hotlines).map(([label, number]) => ({ label, number }));
  const sections = pairs('sections', form.sections).map(([name, rest, line]) => {
    // "Home | / | es: Inicio; fr: Accueil": the label in other interface languages after a second bar.
    const bar = rest.indexOf('|');
    const href = (bar < 0 ? rest : rest.slice(0, bar)).trim();
    const labels: Record<string, string> = {};
    for (const part of bar < 0 ? [] : rest.slice(bar + 1).split(';')) {
      if (!part.trim()) continue;
      const colon = part.indexOf(':');
      const lang = part.slice(0, colon < 0 ? 0 : colon).trim();
      const text = part.slice(colon + 1).trim();
      if (colon < 0 || !isLang(lang) || lang === SOURCE_LANG || !text) errors.push({ field: settingsFieldId('sections'), message: t('settingsProblemLine', { label: label('sections'), line, problem: t('settingsNavLabelPart', { part: part.trim().slice(0, 60) }) }) });
      else labels[lang] = text;
    }
    return { label: name, href, labels };
  });
  const input: SiteSettingsInput = {
    organisation: form.organisation.trim(),
    tagline: form.tagline.trim(),
    description: form.description.trim(),
    contactEmail: form.contactEmail.trim(),
    hotlines,
    urgentHelp: form.urgentHelp.trim(),
    address: form.address.trim(),
    ...(form.donateUrl.trim() ? { donateUrl: form.donateUrl.trim() } : {}),
    language: form.language.trim(),
    sections,
    directoryTitle: form.directoryTitle.trim(),
    disclaimer: form.disclaimer,
    about: form.about,
    support: form.support,
    contact: form.contact,
    copyright: form.copyright.trim(),
    citationStyle: form.citationStyle as 'vancouver',
    ownedBy: form.ownedBy.trim(),
    funding: form.funding.trim(),
    advertising: form.advertising as 'unstated',
    advertisingPolicy: form.advertisingPolicy.trim(),
    editorialPolicy: form.editorialPolicy,
    // Not a number: left as text so the schema names the field and the form keeps what was typed.
    declarationMonths: (/^\d{1,3}$/.test(form.declarationMonths.trim()) ? Number(form.declarationMonths.trim()) : form.declarationMonths) as number,
  };
  const parsed = SiteSettings.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [key, index] = issue.path as [string, number | undefined];
      const problem = friendly(t, key, issue.message);
      const message = typeof index === 'number' ? t('settingsProblemLine', { label: label(key), line: index + 1, problem }) : t('settingsProblem', { label: label(key), problem });
      errors.push({ field: settingsFieldId(key), message });
    }
  }
  return { settings: errors.length ? null : input, errors };
}

function friendly(t: EditingText, key: string, message: string): string {
  if (key === 'contactEmail') return t('settingsEmailInvalid');
  if (key === 'donateUrl' && !/too small/i.test(message)) return t('settingsLinkRule');
  // Navigation links take any link (src/site/settings.ts says so in English, site paths first).
  if (message === linkRule()) return t('settingsLinkRuleSite');
  if (key === 'language') return t('settingsLanguageInvalid');
  if (key === 'citationStyle') return t('settingsCitationInvalid');
  if (key === 'advertising') return t('settingsAdvertisingInvalid');
  if (key === 'declarationMonths') return t('settingsDeclarationMonthsInvalid');
  if (/too small/i.test(message) || /expected string to have >=1/.test(message)) return t('settingsRequired');
  const max = /<=(\d+)/.exec(message);
  if (max) return t('settingsTooLong', { max: Number(max[1]) });
  // Link rules for navigation lines and other schema phrases come from src/site and src/content (English for now).
  return message;
}
