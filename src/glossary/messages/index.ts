import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const glossaryText = defineCatalogue('glossary', en, { es, fr, ar }, {
  glossaryIntro: 'Say plainly that the definitions are general background and not medical advice.',
  alsoCalled: '{words} is a list of other ways the term is written, already joined.',
  termTitle: 'Page title of one glossary term; {term} is the term (in English until glossaries are translated).',
  revisionBy: '<time> wraps the date, already written in this language.',
  revisionByUnknown: '<time> wraps the date, already written in this language.',
  missingItem: '{word} is an English word from the pages. Keep the plural forms.',
});
