import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const searchText = defineCatalogue('search', en, { es, fr, ar }, {
  titleQuery: 'Browser tab title of a results page; {query} is what the reader typed.',
  searchForHint: 'SSc (systemic sclerosis) and RP (Raynaud’s phenomenon) are abbreviations the search knows; keep them as they are.',
  problemYearFormat: '{example} is a year, such as 2010.',
  problemYearRange: '{first} and {last} are the earliest and latest years accepted.',
  problemYearOrder: '{first} and {last} are the years the reader typed.',
  helpType: '{example} is the name of a topic the directory has (from its pages, usually in English); keep it inside the <em> tags.',
  helpBrowse: '<az> wraps a link to the A–Z index, <directory> a link to the directory.',
  statusCapped: 'Heading over the results when there are more than can be shown.',
  statusFound: 'Heading over the results; {count} is the number of pages.',
  shortened: '{chars} and {words} are numbers.',
  didYouMean: '<link> wraps the suggested spelling, a link to search for it.',
  range: 'Which results are on this page: numbers of the first and last, this page’s number and how many pages of results there are.',
  missing: '{words} is the list of searched words this page does not contain.',
  listSeparator: 'Between the words of a list (a comma and a space in English).',
  hitLinks: 'The match is in a section’s list of sub-articles and links, not its heading.',
  hitKindYear: '{kind} is one of the kinds above (Research digest…), {year} the year of the study or news.',
  tryWithoutFilters: '<link> wraps the link that repeats the search without filters.',
  tryBrowse: '<az> wraps a link to the A–Z index, <directory> a link to the directory.',
  previous: '<hidden> is read by screen readers only.',
  next: '<hidden> is read by screen readers only.',
  pageNumber: '<hidden> is read by screen readers only; {number} is the page number shown.',
  suggestionsStatus: 'Read by screen readers when suggestions appear under the search box.',
});
