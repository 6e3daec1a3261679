import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const storiesText = defineCatalogue('stories', en, { es, fr, ar }, {
  nameHint: 'A pseudonym is a made-up name; advise it rather than a real name.',
  bodyHint: 'Keep the Markdown examples (*italic*, **bold**, >, -, [[Page Title]]) as they are; translate the words inside them.',
  reviewOr: '<link> wraps the words that link to the withdrawal page.',
  consentPublish: 'Consent text, versioned: changing its meaning needs a new CONSENT_TEXT_VERSION in src/stories/store.ts.',
  expiryFormat: 'Keep the date format 2027-06-30 as it is.',
  historyAction: 'Keep the select keys as they are; "other" shows the technical action name.',
  queueClaimedBy: '{label} is the title and the storyteller, already written in this language.',
});
