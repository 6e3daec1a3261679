import type { AccessRule, Who } from '../accounts/access.js';

/**
 * Who writes terms (page.edit) and who approves them (page.review); who translates them (translation.edit) and
 * approves translations (translation.review, and reviewing that language, checked by the route); reading /glossary
 * needs no rule.
 */
const EDITORS: readonly Who[] = ['admin', 'editor', 'reviewer'];
const REVIEWERS: readonly Who[] = ['admin', 'reviewer'];
const TRANSLATORS: readonly Who[] = ['admin', 'editor', 'reviewer', 'translator'];
const TRANSLATION_REVIEWERS: readonly Who[] = ['admin', 'reviewer'];

export const glossaryAccess: readonly AccessRule[] = [
  { method: 'GET', route: '/edit/glossary', allowed: TRANSLATORS, success: 200 },
  { method: 'GET', route: '/edit/glossary/new', allowed: EDITORS, success: 200 },
  { method: 'POST', route: '/edit/glossary/new', allowed: EDITORS, success: 303 },
  { method: 'GET', route: '/edit/glossary/:slug', allowed: EDITORS, success: 200 },
  { method: 'POST', route: '/edit/glossary/:slug', allowed: EDITORS, success: 303 },
  { method: 'POST', route: '/edit/glossary/:slug/approve', allowed: REVIEWERS, success: 303 },
  { method: 'GET', route: '/edit/glossary/:slug/translate/:lang', allowed: TRANSLATORS, success: 200 },
  { method: 'POST', route: '/edit/glossary/:slug/translate/:lang', allowed: TRANSLATORS, success: 303 },
  // A reviewer who does not review that language is sent back with a notice (303) too: the route says why.
  { method: 'POST', route: '/edit/glossary/:slug/translate/:lang/approve', allowed: TRANSLATION_REVIEWERS, success: 303 },
];
