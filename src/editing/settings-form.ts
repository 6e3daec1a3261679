import { z } from 'zod';
import type { FieldError } from '../accounts/views/form-parts.js';
import { SiteSettings, type SiteSettingsInput } from '../site/settings.js';
import { linkRule } from '../content/links.js';

/** The site settings form as submitted: strings only, so everything typed can be shown again. */
export const SettingsForm = z.object({
  organisation: z.string().max(10_000).default(''),
  tagline: z.string().max(10_000).default(''),
  description: z.string().max(20_000).default(''),
  contactEmail: z.string().max(10_000).default(''),
  hotlines: z.string().max(20_000).default(''),
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
});
export type SettingsForm = z.infer<typeof SettingsForm>;

export const SETTINGS_FIELDS: Array<{ key: keyof SettingsForm; label: string }> = [
  { key: 'organisation', label: 'Organisation name' },
  { key: 'tagline', label: 'Tagline' },
  { key: 'description', label: 'Who you are' },
  { key: 'contactEmail', label: 'Contact e-mail address' },
  { key: 'hotlines', label: 'Phone lines' },
  { key: 'address', label: 'Postal address' },
  { key: 'donateUrl', label: 'Donation page address' },
  { key: 'language', label: 'Language of the site' },
  { key: 'sections', label: 'Navigation links' },
  { key: 'directoryTitle', label: 'Name of the directory' },
  { key: 'citationStyle', label: 'Citation style' },
  { key: 'about', label: 'About page' },
  { key: 'disclaimer', label: 'Medical disclaimer page' },
  { key: 'support', label: 'Support page' },
  { key: 'contact', label: 'Contact page' },
  { key: 'copyright', label: 'Copyright line' },
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
    address: s.address,
    donateUrl: s.donateUrl ?? '',
    language: s.language,
    sections: pairLines(s.sections.map((n) => [n.label, n.href])),
    directoryTitle: s.directoryTitle,
    disclaimer: s.disclaimer,
    about: s.about,
    support: s.support,
    contact: s.contact,
    copyright: s.copyright,
    citationStyle: s.citationStyle,
  };
}

/** Reads the form into settings, with each problem next to its field (list problems name their line). */
export function settingsFromForm(form: SettingsForm): { settings: SiteSettingsInput | null; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const pairs = (key: 'hotlines' | 'sections', text: string) =>
    text
      .split(/\r?\n/)
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.trim())
      .map(({ line, i }) => {
        const bar = line.indexOf('|');
        if (bar < 0) errors.push({ field: settingsFieldId(key), message: `${label(key)}, line ${i + 1}: write it as “label | ${key === 'hotlines' ? 'number' : 'address'}”` });
        return [line.slice(0, bar < 0 ? undefined : bar).trim(), bar < 0 ? '' : line.slice(bar + 1).trim()] as const;
      });
  const hotlines = pairs('hotlines', form.hotlines).map(([label, number]) => ({ label, number }));
  const sections = pairs('sections', form.sections).map(([label, href]) => ({ label, href }));
  const input: SiteSettingsInput = {
    organisation: form.organisation.trim(),
    tagline: form.tagline.trim(),
    description: form.description.trim(),
    contactEmail: form.contactEmail.trim(),
    hotlines,
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
  };
  const parsed = SiteSettings.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [key, index] = issue.path as [string, number | undefined];
      const where = typeof index === 'number' ? `, line ${index + 1}` : '';
      errors.push({ field: settingsFieldId(key), message: `${label(key)}${where}: ${friendly(key, issue.message)}` });
    }
  }
  return { settings: errors.length ? null : input, errors };
}

function label(key: string): string {
  return SETTINGS_FIELDS.find((f) => f.key === key)?.label ?? key;
}

function friendly(key: string, message: string): string {
  if (key === 'contactEmail') return 'enter an e-mail address like name@example.org';
  if (key === 'donateUrl' && !/too small/i.test(message)) return linkRule(['web', 'site', 'mail']);
  if (key === 'language') return 'enter a language code such as en or en-GB';
  if (key === 'citationStyle') return 'choose Vancouver or APA';
  if (/too small/i.test(message) || /expected string to have >=1/.test(message)) return 'is required';
  const max = /<=(\d+)/.exec(message);
  if (max) return `must be at most ${max[1]} characters`;
  return message;
}
