import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const editingText = defineCatalogue('editing', en, { es, fr, ar }, {
  editPageTitle: 'Right-to-left languages: wrap names and titles people type ({title}, {author}, {heading}…) in the invisible direction isolates U+2068 … U+2069, so Latin text sits right in the sentence.',
  revisionNumber: 'A revision is one saved version of a page (as in a wiki history); not the medical review.',
  stateInReview: 'A revision an editor sent to a medical reviewer, who has not approved it yet.',
  quotedSummary: 'After a revision line: the edit summary its author typed, in quotation marks. Starts with a space.',
  listSeparator: 'Between items of a list written inline (authors, places in the page).',
  toolbarPending: '{state} is the revision’s workflow state; the words after each state name it in lower case, inside the sentence.',
  diffInsertedStart: 'Read out by screen readers before inserted text; the text itself follows, then diffEnd.',
  diffDeletedStart: 'Read out by screen readers before deleted text; the text itself follows, then diffEnd.',
  diffKey: '<del> shows as struck-through text, <ins> as underlined text: keep them around the words that describe them.',
  digestLabelResearch: '{number} counts the digests of the page in order; {opening} is the digest’s first words.',
  digestLabelNews: '{number} counts the digests of the page in order; {opening} is the digest’s first words.',
  readabilityRow: '{grade} is a US school grade such as 7.5 (a reading-age score); {verdict} is one of the verdict messages.',
  formulaFleschKincaid: 'The name of a readability formula: usually kept as it is.',
  formulaSmog: 'The name of a readability formula: usually kept as it is.',
  checklistItem: '{label} is a checklist label such as “A named author”; {status} is done or missing.',
  checkResearchPlace: '{place} is a section (“Heading” or the introduction), {key} the citation key as written in the page.',
  revisionLine: '<link> is the page title linking to its editor; <time> holds the date and time the revision was saved.',
  reviewDueItem: '<warn> is shown in warning colour; {date} is the review due date, already written out in this language.',
  syntaxHeading: 'Text inside <code> is page-file syntax: the Markdown marks (## ::: [[ ]] [@ ]) must stay as they are.',
  syntaxResearch: 'Inside <code>, “::: research” is a keyword and must stay in English; <import> and <citations> are links.',
  syntaxNews: 'Inside <code>, “::: news”, outlet=, date=, url= and title= are keywords and must stay in English; the quoted values are examples.',
  syntaxSubArticles: '“Sub-articles:” and “Also see:” are keywords of the page file and must stay in English.',
  newestLine: '{number} is the revision number; <tag> shows the workflow state; <time> the date and time it was saved.',
  conflictText: '{summary} is quotedSummary or empty; it follows the time directly.',
  stateInSentence: 'Completes “Revision 3 is …, so it cannot be published.”',
  problemField: '{field} is one of the noun… messages (the field), {problem} one of the problem messages that follow it, such as “must be at most 200 characters”. Add a colon in the noun messages if your language needs one.',
  problemEntry: '{kind} is the kind of entry (entrySummary…), {where} whereHeading or whereIntroduction, {what} an entryField… message, {problem} what is wrong with it.',
  mustBeAtMost: 'Follows a field name (noun… messages), as in “The title must be at most 200 characters”.',
  tooFast: 'A plain-text answer (no page around it) when a person saves too often.',
  livePreviewFailed: '{reason} is livePreviewTooFast or livePreviewServer.',
  settingsProblem: '{label} is the settings field label; {problem} one of the settings… problem messages.',
});
