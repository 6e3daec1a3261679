/**
 * Every interface catalogue, one per domain (src/<domain>/messages/index.ts).
 * Read by the translation tools (`npm run atoz -- messages export|import`)
 * and the completeness tests; views import their own catalogue directly.
 * A test fails when a domain has a messages folder that is not listed here.
 */
import type { Catalogue } from './catalogue.js';
import { accountsText } from '../accounts/messages/index.js';
import { apiText } from '../api/messages/index.js';
import { citationsText } from '../citations/messages/index.js';
import { communityText } from '../community/messages/index.js';
import { directoryText } from '../directory/messages/index.js';
import { editingText } from '../editing/messages/index.js';
import { feedbackText } from '../feedback/messages/index.js';
import { glossaryText } from '../glossary/messages/index.js';
import { mailText } from '../mail/messages/index.js';
import { newsText } from '../news/messages/index.js';
import { publishingText } from '../publishing/messages/index.js';
import { searchText } from '../search/messages/index.js';
import { siteText } from '../site/messages/index.js';
import { storiesText } from '../stories/messages/index.js';
import { translationsText } from '../translations/messages/index.js';
import { webText } from '../web/messages/index.js';

export const CATALOGUES: readonly Catalogue[] = [webText, directoryText, searchText, siteText, accountsText, citationsText, editingText, newsText, mailText, apiText, publishingText, communityText, storiesText, translationsText, feedbackText, glossaryText];
