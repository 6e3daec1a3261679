import { type KeyOf, defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const communityText = defineCatalogue('community', en, { es, fr, ar }, {
  displayNameHint: 'A pseudonym is a made-up name; advise against real names.',
  joinSignIn: '<link> wraps the words that link to the sign-in page.',
  joinPrompt: '<join> and <signin> wrap the words that link to the sign-up and sign-in pages.',
  signupProblem: 'Keep the select keys (used, expired, taken, other) as they are.',
  checkName: 'The name of a moderation check, used after "Held because:". Keep the select keys as they are.',
  categoryLatest: '<time> wraps the date of the latest post, already written in this language.',
  topicLastPost: '<time> wraps the date and time, already written in this language.',
  privacyFound: 'Followed by the text found in the post.',
  historyAction: 'Keep the select keys as they are; "other" shows the technical action name.',
  bodyHint: 'Keep the Markdown examples (*italic*, **bold**, >, -, [[Page Title]]) as they are; translate the words inside them.',
});

/** A key of the community catalogue. */
export type CommunityKey = KeyOf<typeof communityText>;
