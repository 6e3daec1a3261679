/**
 * The one HTTP GET helper shared by the PubMed and Crossref clients: rate limit,
 * timeout, retries with backoff for 429/5xx/network failures, typed errors.
 */
import { CitationLookupError } from './errors.js';
import type { RateLimiter } from './rate-limiter.js';

/** The subset of `fetch` the clients use; inject a fake in tests. */
export type FetchLike = (url: string, init: { headers: Record<string, string>; signal: AbortSignal }) => Promise<Response>;

export interface HttpGetOptions {
  fetch: FetchLike;
  service: string; // named in error messages, e.g. "PubMed"
  timeoutMs: number; // per attempt, covering headers and body
  maxRetries: number; // retries after the first attempt
  headers?: Record<string, string>;
  limiter?: RateLimiter; // awaited before every attempt, retries included
  baseDelayMs?: number; // first backoff delay; doubles per retry
  maxDelayMs?: number; // cap for backoff and for honouring Retry-After
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number; // jitter source in [0, 1)
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GETs `url` and returns the body of a 2xx answer, or throws CitationLookupError.
 * Retries 429, 5xx and network failures; not timeouts: the editor has already waited `timeoutMs`.
 */
export async function httpGetText(url: string, options: HttpGetOptions): Promise<string> {
  const { maxRetries } = options;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    const attemptsSoFar = attempt + 1;
    const outcome = await attemptGet(url, options);
    if (outcome.kind === 'ok') return outcome.body;
    if (outcome.kind === 'fatal') throw outcome.error;

    const delay = outcome.retryAfterMs ?? backoffDelay(attempt, options);
    const maxDelay = options.maxDelayMs ?? 30_000;
    if (attempt >= maxRetries || delay > maxDelay) throw outcome.finalError(attemptsSoFar);
    await sleep(delay);
  }
}

type AttemptOutcome =
  | { kind: 'ok'; body: string }
  | { kind: 'fatal'; error: CitationLookupError }
  | { kind: 'retry'; retryAfterMs: number | undefined; finalError: (attempts: number) => CitationLookupError };

async function attemptGet(url: string, options: HttpGetOptions): Promise<AttemptOutcome> {
  const { service } = options;
  await options.limiter?.acquire();
  const signal = AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await options.fetch(url, { headers: options.headers ?? {}, signal });
    if (response.ok) return { kind: 'ok', body: await response.text() };
  } catch (error) {
    if (signal.aborted) return { kind: 'fatal', error: timeoutError(service, options.timeoutMs, error) };
    return {
      kind: 'retry',
      retryAfterMs: undefined,
      finalError: (attempts) =>
        new CitationLookupError('network', `Could not reach ${service} (${describeCause(error)}) after ${plural(attempts, 'attempt')}. Check the internet connection and try again.`, { cause: error }),
    };
  }

  await response.body?.cancel().catch(() => undefined); // free the connection; the body is not needed
  const { status } = response;
  if (status === 404) {
    return { kind: 'fatal', error: new CitationLookupError('not-found', `${service} has no record at this address (HTTP 404).`, { status }) };
  }
  if (status === 429) {
    return {
      kind: 'retry',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now ?? Date.now),
      finalError: (attempts) =>
        new CitationLookupError('rate-limited', `${service} is limiting how often we may ask and refused ${plural(attempts, 'attempt')} (HTTP 429). Wait a minute and try again.`, { status }),
    };
  }
  if (status >= 500) {
    return {
      kind: 'retry',
      retryAfterMs: parseRetryAfter(response.headers.get('retry-after'), options.now ?? Date.now),
      finalError: (attempts) =>
        new CitationLookupError('network', `${service} is having problems (HTTP ${status}) and did not recover after ${plural(attempts, 'attempt')}. Try again later.`, { status }),
    };
  }
  return { kind: 'fatal', error: new CitationLookupError('bad-response', `${service} refused the request (HTTP ${status}).`, { status }) };
}

/** Parses a JSON body, turning truncated or non-JSON answers into a 'bad-response' error. */
export function parseJsonBody(body: string, service: string): unknown {
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new CitationLookupError('bad-response', `${service} sent an incomplete or unreadable answer (not valid JSON). Try again later.`, { cause: error });
  }
}

/** Exponential backoff with "equal jitter": half fixed, half random, so clients do not retry in lockstep. */
export function backoffDelay(attempt: number, options: Pick<HttpGetOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 30_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Retry-After is either delay-seconds or an HTTP date; returns ms to wait, or undefined when absent/unreadable. */
export function parseRetryAfter(header: string | null, now: () => number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now());
}

function timeoutError(service: string, timeoutMs: number, cause: unknown): CitationLookupError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000));
  return new CitationLookupError('timeout', `${service} did not answer within ${plural(seconds, 'second')}. Try again later.`, { cause });
}

function describeCause(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
