import { defineCatalogue } from '../../i18n/catalogue.js';
import ar from './ar.json' with { type: 'json' };
import { en } from './en.js';
import es from './es.json' with { type: 'json' };
import fr from './fr.json' with { type: 'json' };

export const mailText = defineCatalogue('mail', en, { es, fr, ar }, {
  outboxNotDelivering: 'ATOZ_SMTP_URL is the name of a setting: keep it as it is.',
  statusBounced: 'The receiving mail server said this address does not exist or does not take our mail.',
  stateRetrying: '{when} is a date and time, e.g. "4 March 2025, 14:32 UTC".',
  stateSent: '{when} is a date and time.',
  messageId: 'The name of an e-mail header; usually kept as it is.',
});
