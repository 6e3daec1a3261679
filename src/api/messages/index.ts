import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const apiText = defineCatalogue('api', en, { es, fr, ar }, {
  intro: 'ETag, If-None-Match and JSON are technical names: keep them as they are.',
  document: '<link> wraps the address of the OpenAPI document; keep the address.',
  example: '<link> wraps {address}, an example request.',
});
