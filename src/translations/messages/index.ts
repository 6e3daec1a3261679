import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const translationsText = defineCatalogue('translations', en, { es, fr, ar }, {
  translationProgress: 'Under the byline of a translated page. {translated} sections of {total} are translated and up to date.',
  translationOutdatedCount: 'After translationProgress when some translated sections are older than the English page.',
  translatedBy: '{names} is a list of translators, already joined.',
  translatorWithCredentials: 'One translator with their qualifications.',
  translationReviewed: '<time> wraps the date; {name} is the person who checked the translation.',
  readEnglish: '<link> wraps a link to the same page in English.',
  sectionOutdated: '<time> wraps the date the English changed; <link> wraps a link to the English page.',
  sectionSafety: '<time> wraps the date the English changed; <link> wraps a link to the English page.',
  changesAdded: 'Read out by screen readers before words added to the English text; ends with a space.',
  changesRemoved: 'Read out by screen readers before words removed from the English text; ends with a space.',
  changesEnd: 'Read out after an added or removed stretch; starts with a space.',
  outdatedRow: '{count} sections of one page are out of date since {date} (already written out).',
  waitingRow: '{number} is the revision number; {date} when it was sent; {name} who translated it.',
  untranslatedRow: 'After the page title: how many links in the directory point at it.',
  panelBody: 'On the editors’ dashboard. {outdated}: translated sections out of date; {waiting}: translations sent for review.',
  editorTitle: '{title} is the English page title; {language} the language’s name in the interface language (e.g. “Spanish”).',
  editorIntro: 'The [[…|…]] link example is page syntax: keep “Causes: Genetics” in English, translate “your words”.',
  fieldEntry: '{number}: the position of the text in its section (1, 2, …).',
  sectionOutdatedEditor: '{date} is already written out.',
  revisionRow: '{state} is one of the state words below; {date} is written out; {name} who saved it.',
  approveButton: '{number} is the revision number.',
  errorConflict: '{number} is the revision someone else saved.',
});
