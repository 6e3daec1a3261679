import type { Translate } from '../i18n/localizer.js';
import type { AddressProblem } from './address.js';
import type { en } from './messages/en.js';

/** What to tell someone whose address was refused, in their language. */
export function addressError(t: Translate<keyof typeof en>, problem: AddressProblem): string {
  switch (problem) {
    case 'empty':
      return t('errorEmailEmpty');
    case 'too-long':
      return t('errorEmailTooLong');
    case 'line-break':
      return t('errorEmailLineBreak');
    case 'local-not-ascii':
      return t('errorEmailLocal');
    case 'domain':
      return t('errorEmailDomain');
    default:
      return t('errorEmailShape');
  }
}
