/**
 * Every interface catalogue, one per domain (src/<domain>/messages/index.ts).
 * Read by the translation tools (`npm run atoz -- messages export|import`)
 * and the completeness tests; views import their own catalogue directly.
 * A test fails when a domain has a messages folder that is not listed here.
 */
import type { Catalogue } from './catalogue.js';
import { mailText } from '../mail/messages/index.js';
import { webText } from '../web/messages/index.js';

export const CATALOGUES: readonly Catalogue[] = [webText, mailText];
