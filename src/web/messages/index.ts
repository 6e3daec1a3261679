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
});
