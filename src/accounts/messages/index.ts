import { type KeyOf, defineCatalogue } from '../../i18n/catalogue.js';
import type { Translate } from '../../i18n/localizer.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const accountsText = defineCatalogue('accounts', en, { es, fr, ar }, {
  errorTitle: 'The browser tab title of a form that came back with problems; screen readers hear it first.',
  roleName: 'A person’s role, shown after their name. admin, editor and reviewer are the three roles; keep the select keys as they are.',
  userBarSignedInAs: '<strong> wraps the person’s name; {role} is their role (roleName).',
  loginLocked: 'Shown when sign-in is paused after many failed attempts; {minutes} is how long until the next try.',
  passwordGuessable: '{reason} is one of the passwordReason… messages, finishing the sentence.',
  passwordReasonBreached: 'Finishes passwordGuessable after its colon.',
  accountOtherSessions: 'How many other browsers are signed in to this account.',
  accountChangePassword: '<link> wraps the words that link to the password form.',
  invitationFor: '<strong> wraps the e-mail address; {expires} is a date and time, such as “4 March 2025, 14:32 UTC”.',
  invitationProblemNext: '<link> wraps the words that link to the sign-in page.',
  adminForbiddenWhat: 'Finishes the sentence “Your account cannot …” on the page shown to someone with no administration screen.',
  issuedLinkText: '{expires} is a date and time, such as “4 March 2025, 14:32 UTC”.',
  statusDisabled: '{since} is a date and time.',
  userRoleLegend: '{name} is the person’s name.',
  userBylineTitle: 'The name a person’s edits and reviews are credited to on published pages.',
  auditCount: '{filtered} is “yes” when the list is filtered; {total} entries in all, shown {page} of {pageCount} pages.',
  auditUser: 'Shown in the “Who” column when the account was deleted; {id} is its number.',
});

/** The accounts messages in one language, as routes and form checks take them. */
export type AccountsText = Translate<KeyOf<typeof accountsText>>;
