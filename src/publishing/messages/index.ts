import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const publishingText = defineCatalogue('publishing', en, { es, fr, ar }, {
  noScript: '<link> wraps the words that open the A–Z index.',
  found: '{query} is what the reader typed; {count} is a number.',
  noneFound: '{query} is what the reader typed.',
});
