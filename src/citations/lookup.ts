/**
 * What the import form does with pasted text: work out the identifier, ask the
 * right service, and come back with a record or one plain message. Never throws
 * for anything an editor or a remote service can cause.
 */
import { CitationLookupError, type CitationLookupErrorCode } from './errors.js';
import { parseCitationInput } from './identifiers.js';
import type { CitationRecord } from './record.js';
import type { CitationServices } from './services.js';

export type LookupOutcome =
  | { ok: true; record: CitationRecord; source: 'PubMed' | 'Crossref' }
  | { ok: false; code: CitationLookupErrorCode | 'not-configured'; message: string };

export async function lookupCitation(services: CitationServices, text: string): Promise<LookupOutcome> {
  const input = parseCitationInput(text.slice(0, 2000));
  if (input.kind === 'invalid') return { ok: false, code: 'invalid-id', message: input.message };
  try {
    if (input.kind === 'pmid') {
      if (!services.pubmed) return { ok: false, code: 'not-configured', message: services.pubmedMissing };
      const entry = (await services.pubmed.esummary([input.pmid])).get(input.pmid);
      if (!entry) return { ok: false, code: 'bad-response', message: `PubMed did not answer for PMID ${input.pmid}. Try again later.` };
      return entry.ok ? { ok: true, record: entry.record, source: 'PubMed' } : failure(entry.error);
    }
    if (!services.crossref) return { ok: false, code: 'not-configured', message: services.crossrefMissing };
    return { ok: true, record: await services.crossref.lookupDoi(input.doi), source: 'Crossref' };
  } catch (error) {
    if (error instanceof CitationLookupError) return failure(error);
    // Anything else (a bug, an unexpected shape) must not lose the editor's form.
    console.error('citation lookup failed:', error);
    return { ok: false, code: 'bad-response', message: 'Something went wrong while reading the answer. Nothing was stored; try again later.' };
  }
}

function failure(error: CitationLookupError): LookupOutcome {
  return { ok: false, code: error.code, message: error.message };
}
