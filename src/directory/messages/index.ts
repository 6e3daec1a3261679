import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const directoryText = defineCatalogue('directory', en, { es, fr, ar }, {
  indexDescription: 'Meta description of the directory index; {title} is the directory’s name from the site settings (e.g. “Medical Directory”).',
  indexLead: '<az> wraps a link to the A–Z index of topics.',
  azCrumb: 'Short breadcrumb label for the A–Z page.',
  azLetters: 'Screen-reader label of the row of letters that jump to each group of the A–Z index.',
  wantedLead: '{count} is the number of wanted pages listed below.',
  wantedNote: 'After the name of a link to a page nobody has written yet; starts with a space.',
  bibliographyLead: '{count} is the number of entries (already formatted as a number).',
  bibliographyDownloadWhat: 'Completes “Download … for a reference manager”.',
  referencesDownloadWhat: 'Completes “Download … for a reference manager”.',
  listSeparator: 'Between the names in a list of page links (a comma and a space in English).',
  disclaimerNote: '<link> wraps the link to the medical disclaimer page.',
  alsoSeeInline: 'Before a list of links at the end of a section; ends with a space.',
  reviewed: '<time> wraps the review date, already written out ({date}).',
  reviewedBy: '<time> wraps the review date ({date}); {name} is the reviewer’s name.',
  written: '<time> wraps the date the page was first written.',
  writtenUpdated: '<createdTime> and <updatedTime> wrap the two dates ({created} and {updated}).',
  evidenceYear: 'The year of the studies and news the page cites, when all are from the same year.',
  evidenceYears: 'Oldest and newest year of the studies and news the page cites.',
  researchDigestYear: '{year} is the year the study was published.',
  sourceLabel: 'Before the formatted reference; {number} is its number in the reference list. Ends with a space.',
  newsDigest: '{outlet} is the name of the newspaper or website.',
  newsDigestDated: '{outlet} is the newspaper or website; <time> wraps the publication date.',
});
