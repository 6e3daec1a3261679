import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const siteText = defineCatalogue('site', en, { es, fr, ar }, {
  pageAbout: 'Title of the page about the organisation (its text is written in the site settings).',
  notWrittenYet: 'Shown on a settings page (about, disclaimer, support) whose text nobody has written.',
  directoryCard: 'On the home page, under a link to the directory; {count} is the number of topics.',
  talkEmail: '<mail> wraps the organisation’s e-mail address ({email}), a mailto: link.',
  talkEmailPhone: '{hotline} is the name of the phone line from the site settings, in lower case (e.g. “toll-free helpline”); <phone> wraps its number ({number}).',
  talkSupport: '<link> wraps the link to the support page.',
  contactPost: 'Label of the postal address.',
});
