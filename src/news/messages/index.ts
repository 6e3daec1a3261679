import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const newsText = defineCatalogue('news', en, { es, fr, ar }, {
  newsIntro: 'The introduction of the /news page.',
  newsOnTopicTitle: '{topic} is the title of a directory page.',
  resultCount: 'How many news items match the filter.',
  pageOf: 'Pagination: {page} is the current page number, {pages} how many there are.',
  publishedOn: '<time> wraps the date, which is already written in this language.',
  sourceLineDated: '{outlet} is a newspaper or website name (not translated); <time> wraps the date.',
  feedTitleSite: 'Title of the site-wide news feed; {organisation} is the site owner.',
  feedTitleTopic: 'Title of one topic’s news feed; {topic} is a page title.',
  feedUnknownTopic: 'Plain-text answer (HTTP 404) to a feed reader asking for a topic that does not exist; keep the address parts (/news/topics/, /feed.xml, /atom.xml, /feed.json) as they are.',
  correctionNote: 'Shown on a corrected news item. <time> wraps the date; {note} is the editor’s note, in the language of the item.',
  behindTitle: 'In the spirit of the NHS "Behind the Headlines": the section explaining what the study behind a news story really was.',
  signedOff: '{name} is the clinician’s name; <time> wraps the date.',
  disclaimer: '<link> wraps the words that link to the medical disclaimer page.',
  digestSource: 'On a topic page, above a news item: {outlet} is a newspaper or website name; <time> wraps the date.',
  fieldSlugHint: 'Keep /news/ as it is.',
  fieldTopicsHint: 'Keep the example address causes-silica as it is.',
  fieldCitationHint: 'Keep pmid:12345 and doi:10.… as they are.',
  fieldCorrectionHint: 'The words in quotes are what readers see; keep them the same as the message "correctionNote".',
  stepRefused: '{reason} is a short English explanation from the system.',
});
