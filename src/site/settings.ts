import { z } from 'zod';
import type { Db, Tx } from '../db/database.js';
import { isSafeLink, linkRule } from '../content/links.js';

/** A link the site puts in every page's header or footer: a site path, http(s) or mailto: (never javascript:, data:, …). */
const SafeLink = z.string().min(1).max(500).refine((href) => isSafeLink(href), linkRule());

const NavLink = z.object({
  /** Text of the navigation link, in the settings' language. */
  label: z.string().min(1).max(60),
  /** Where it goes: a site path or a full URL. */
  href: SafeLink,
  /** The label in other interface languages ({ es: "Inicio" }); a language without one shows `label`. */
  labels: z.record(z.string().regex(/^[a-z]{2,3}$/), z.string().min(1).max(60)).default({}),
});

/** Everything about the organisation that runs the site; editable by admins. */
export const SiteSettings = z.object({
  /** Name shown in the header, titles and copyright. */
  organisation: z.string().min(1).max(120),
  /** One line under the name on the home page. */
  tagline: z.string().max(300).default(''),
  /** Who the organisation is; home page and meta description. */
  description: z.string().max(1000).default(''),
  /** Public contact address. */
  contactEmail: z.string().email(),
  /** Phone lines with what each is for. */
  hotlines: z.array(z.object({ label: z.string().min(1).max(80), number: z.string().min(3).max(40) })).default([]),
  /**
   * "If you need help now" on every topic page: what to do in an emergency, in
   * one or two plain sentences, shown with the phone lines; empty: no callout.
   */
  urgentHelp: z.string().max(600).default(''),
  /** Postal address, one line. */
  address: z.string().max(300).default(''),
  /** Where donations go, if anywhere. */
  donateUrl: SafeLink.optional(),
  /** Language of the site's pages (BCP 47). */
  language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).default('en'),
  /** Navigation links, in order. */
  sections: z.array(NavLink).max(12).default([]),
  /** Name of the directory root in breadcrumbs and headings. */
  directoryTitle: z.string().min(1).max(80).default('Medical Directory'),
  /** Markdown of the disclaimer page. */
  disclaimer: z.string().max(20_000).default(''),
  /** Markdown of the about page. */
  about: z.string().max(20_000).default(''),
  /** Markdown of the support page. */
  support: z.string().max(20_000).default(''),
  /** Markdown shown on the contact page above the contact details. */
  contact: z.string().max(20_000).default(''),
  /** Footer copyright line. */
  copyright: z.string().max(300).default(''),
  /** Licence of the directory's text as open data (`npm run atoz -- export-data`), e.g. "CC BY 4.0"; empty: none stated. */
  licence: z.string().max(300).default(''),
  /** Citation style for every page. */
  citationStyle: z.enum(['vancouver', 'apa']).default('vancouver'),
  /** Who owns the site (HONcode principle 7), one line; shown on the editorial policy page. */
  ownedBy: z.string().max(300).default(''),
  /** Who funds the site and how (HONcode principle 7). */
  funding: z.string().max(2000).default(''),
  /** Whether the site carries advertising (HONcode principle 8); 'unstated' until an admin says. */
  advertising: z.enum(['unstated', 'none', 'carries']).default('unstated'),
  /** How advertising is kept apart from the site's own content, when it carries any. */
  advertisingPolicy: z.string().max(2000).default(''),
  /** Markdown of the editorial policy page (/editorial-policy). */
  editorialPolicy: z.string().max(20_000).default(''),
  /** Months a conflict-of-interest declaration stays current for the publish checklist. */
  declarationMonths: z.number().int().min(1).max(60).default(12),
});
export type SiteSettings = z.infer<typeof SiteSettings>;
export type SiteSettingsInput = z.input<typeof SiteSettings>;

const SETTINGS_KEY = 'site';

export async function loadSettings(db: Db | Tx): Promise<SiteSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTINGS_KEY).executeTakeFirst();
  if (!row) throw new Error('Site settings are missing: import content first (npm run atoz -- import content)');
  return settingsFromStored(JSON.parse(row.value));
}

/**
 * Stored settings as pages use them. A link saved before links were checked
 * (javascript:, data:, …) is left out with a warning rather than shown, or
 * failing every page: an administrator re-enters it at /admin/settings.
 */
export function settingsFromStored(stored: unknown): SiteSettings {
  const value = { ...(stored as Record<string, unknown>) };
  const unsafe = (href: unknown) => typeof href !== 'string' || !isSafeLink(href);
  if ('donateUrl' in value && unsafe(value.donateUrl)) {
    console.warn('Site settings: the donation link is not a site path, http(s) or mailto: address; it is not shown until it is corrected at /admin/settings');
    delete value.donateUrl;
  }
  if (Array.isArray(value.sections)) {
    const kept = value.sections.filter((section: { href?: unknown } | null) => !unsafe(section?.href));
    if (kept.length !== value.sections.length) console.warn('Site settings: navigation links that are not site paths, http(s) or mailto: addresses are not shown until they are corrected at /admin/settings');
    value.sections = kept;
  }
  return SiteSettings.parse(value);
}

export async function saveSettings(db: Db | Tx, settings: SiteSettingsInput): Promise<SiteSettings> {
  const valid = SiteSettings.parse(settings);
  const value = JSON.stringify(valid);
  await db
    .insertInto('settings')
    .values({ key: SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
  return valid;
}
