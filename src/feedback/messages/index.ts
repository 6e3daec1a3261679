import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const feedbackText = defineCatalogue('feedback', en, { es, fr, ar }, {
  aboutPage: '<link> wraps the page title, which links to the page.',
  privacyWarning: 'Shown above the comment box: readers must not send personal or health details.',
  commentPersonal: '{found} is the text found in the comment, as written.',
  panelItem: '<link> wraps the page title. Keep the plural forms.',
  itemProblem: 'Keep the select keys (wrong, outdated, brokenLink, hardToRead) as they are.',
  itemReceived: '<time> wraps the date, already written in this language.',
  itemHandled: '<time> wraps the date, already written in this language.',
  itemHandledNoName: '<time> wraps the date, already written in this language.',
  votes: 'Counts of “yes” and “no” answers.',
});
