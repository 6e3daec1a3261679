/**
 * Parsing of the identifiers an editor pastes (PMID, DOI, their URLs) and the
 * canonical forms stored on citation records.
 */

/** What an editor's pasted text turned out to be. */
export type CitationInput =
  | { kind: 'pmid'; pmid: string }
  | { kind: 'doi'; doi: string }
  | { kind: 'invalid'; message: string };

const PMID_PATTERN = /^[1-9]\d{0,8}$/;
// A DOI is "10." + a registrant code of 4+ digits (optionally dotted sub-codes) + "/" + a non-empty suffix.
const DOI_PATTERN = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;
const PMCID_PATTERN = /^PMC\d{1,10}$/;

const PUBMED_URL = /^https?:\/\/(?:www\.)?(?:pubmed\.ncbi\.nlm\.nih\.gov|ncbi\.nlm\.nih\.gov\/pubmed)\/([^/?#]*)\/?(?:[?#].*)?$/i;
const DOI_URL = /^https?:\/\/(?:dx\.)?doi\.org\/(.*)$/i;
const PMID_LABEL = /^pmid\s*:?\s*/i;
const DOI_LABEL = /^doi\s*:?\s*/i;
const EXAMPLE_HINT = 'for example 27933103 or 10.1371/journal.pone.0001693';

/** Returns the PMID in canonical form (digits only), or null when it is not a valid PMID. */
export function normalisePmid(value: string | number): string | null {
  const text = String(value).trim().replace(PMID_LABEL, '');
  return PMID_PATTERN.test(text) ? text : null;
}

/** Returns the DOI without "doi:" or resolver URL prefix, lower-cased (DOIs are case-insensitive), or null when invalid. */
export function normaliseDoi(value: string): string | null {
  const text = stripDoiPrefix(value.trim());
  return DOI_PATTERN.test(text) ? text.toLowerCase() : null;
}

/** Returns the PMCID as "PMC" + digits (accepting bare digits or any case), or null when invalid. */
export function normalisePmcid(value: string | number): string | null {
  const text = String(value).trim().toUpperCase();
  const withPrefix = /^\d+$/.test(text) ? `PMC${text}` : text;
  return PMCID_PATTERN.test(withPrefix) ? withPrefix : null;
}

/** Removes "doi:" and https://(dx.)doi.org/ prefixes, keeping the DOI's own case. */
export function stripDoiPrefix(value: string): string {
  const fromUrl = DOI_URL.exec(value);
  if (fromUrl) return safeDecodeUri(fromUrl[1] ?? '');
  return value.replace(DOI_LABEL, '');
}

/** Works out whether pasted text is a PMID or a DOI; explains in plain words when it is neither. */
export function parseCitationInput(text: string): CitationInput {
  const input = text.trim();
  if (input === '') return invalid(`Enter a PubMed ID (PMID) or a DOI, ${EXAMPLE_HINT}.`);

  const pubmedUrl = PUBMED_URL.exec(input);
  if (pubmedUrl) return parsePmid(pubmedUrl[1] ?? '', input);
  if (/^https?:\/\//i.test(input) && !DOI_URL.test(input)) {
    return invalid(`"${input}" is a web address we cannot read an identifier from. Paste a PubMed or doi.org link, a PMID or a DOI.`);
  }
  if (PMID_LABEL.test(input) || /^\d+$/.test(input)) return parsePmid(input.replace(PMID_LABEL, ''), input);
  if (DOI_LABEL.test(input) || DOI_URL.test(input) || input.startsWith('10.')) return parseDoi(input);
  return invalid(`"${input}" is neither a PubMed ID nor a DOI. Enter one, ${EXAMPLE_HINT}.`);
}

function parsePmid(candidate: string, original: string): CitationInput {
  if (!/^\d+$/.test(candidate)) {
    return invalid(`"${original}" does not contain a PubMed ID: a PMID is a number of 1 to 9 digits, such as 27933103.`);
  }
  if (/^0+$/.test(candidate)) return invalid('0 is not a PubMed ID: PMIDs start at 1.');
  if (candidate.startsWith('0')) return invalid(`"${candidate}" is not a PubMed ID: PMIDs never start with 0.`);
  if (candidate.length > 9) {
    return invalid(`"${candidate}" has ${candidate.length} digits; a PubMed ID has at most 9. Check for extra digits.`);
  }
  return { kind: 'pmid', pmid: candidate };
}

function parseDoi(original: string): CitationInput {
  const doi = normaliseDoi(original);
  if (doi) return { kind: 'doi', doi };
  return invalid(
    `"${original}" does not look like a DOI. A DOI starts with "10.", a code of at least 4 digits, a slash and the rest, such as 10.1371/journal.pone.0001693.`,
  );
}

function invalid(message: string): CitationInput {
  return { kind: 'invalid', message };
}

function safeDecodeUri(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value; // a stray "%" stays literal; validation decides
  }
}
