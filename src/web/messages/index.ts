import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const webText = defineCatalogue('web', en, { es, fr, ar }, {
  searchPlaceholder: '{example} is a term the directory has, such as the title of a page.',
  searchSuggestions: 'Screen-reader name of the list of pages suggested while typing in a search box.',
  titleWithSite: 'The browser tab title: page title, then the organisation name.',
  errorTitle: 'Browser tab title of a form that came back with problems; screen readers hear “Error” first.',
  errorPrefix: 'Read by screen readers before the message next to a form field that needs attention; ends with a space.',
  footerEmail: '<link> wraps the address, which becomes a mailto: link.',
  languageSuggestion: 'Shown, in this language, to a reader whose browser prefers it, on a page also in this language; followed by a link with the language’s own name.',
  notFoundDidYouMean: "<link> wraps {title}, the title of a page whose address is close to the one asked for.",
  notFoundBrowse: "{directory} is the directory’s name from the site settings (e.g. “Medical Directory”); <link> makes it a link.",
  badRequestTitle: "Error page for a request the site cannot make sense of (status 400, 405 or 414).",
  badRequestBack: "<home> links to the home page; <directory> to the directory, named {name} in the site settings.",
  problemMethod: "{method} is an HTTP method name such as PROPFIND; keep it as it is.",
  serverError: "Plain text answer when the server fails unexpectedly (status 500).",
  unavailableTitle: "Browser tab title while the database is out of reach (status 503).",
  unavailableRetry: "<link> reloads the page.",
  unavailablePlain: "Plain text answer for programs (not browsers) while the database is out of reach.",
  signInTitle: "Error page (401): the action needs a signed-in account.",
  signInThen: "<link> wraps the link to the sign-in page.",
  forbiddenTitle: "Error page (403): signed in, but the account’s role may not do this.",
  forbiddenLead: "{what} says what was refused, e.g. “edit pages” (written by the part of the site that refused).",
  forbiddenLeadRole: "{role} is the account’s role: translate the names of the three roles (admin, editor, reviewer); {what} says what was refused.",
  csrfTitle: "Error page (403): a form arrived without a valid security token.",
});
