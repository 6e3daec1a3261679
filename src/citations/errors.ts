/** Why a citation lookup failed, in terms a caller can act on. */
export type CitationLookupErrorCode = 'not-found' | 'rate-limited' | 'timeout' | 'network' | 'bad-response' | 'invalid-id';

/** A failed PubMed or Crossref lookup; `message` is written for an editor, `code` for code. */
export class CitationLookupError extends Error {
  override readonly name = 'CitationLookupError';
  constructor(
    readonly code: CitationLookupErrorCode,
    message: string,
    options?: { cause?: unknown; status?: number },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = options?.status;
  }
  /** HTTP status of the last response, when there was one. */
  readonly status: number | undefined;
}
