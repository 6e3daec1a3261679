/** A scripted `fetch` for tests: answers from a list of steps, recording every request. No network. */
import type { FetchLike } from '../http.js';

export type FetchStep =
  | { status: number; body?: string; headers?: Record<string, string> }
  | { throws: unknown }
  | 'hang'; // never answers; rejects only when the request's signal aborts

export interface RecordedRequest {
  url: URL;
  headers: Record<string, string>;
}

export interface ScriptedFetch {
  fetch: FetchLike;
  requests: RecordedRequest[];
}

/** Answers request n with steps[n]; once the steps run out, the last step repeats. */
export function scriptedFetch(steps: FetchStep[] | ((url: URL) => FetchStep)): ScriptedFetch {
  const requests: RecordedRequest[] = [];
  const fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url);
    requests.push({ url: parsed, headers: { ...init.headers } });
    const step = typeof steps === 'function' ? steps(parsed) : steps[Math.min(requests.length - 1, steps.length - 1)];
    if (step === undefined) throw new Error('scriptedFetch: no steps');
    if (step === 'hang') {
      return new Promise<Response>((_, reject) => {
        init.signal.addEventListener('abort', () => reject(init.signal.reason), { once: true });
      });
    }
    if ('throws' in step) throw step.throws;
    return new Response(step.body ?? '', { status: step.status, headers: step.headers ?? {} });
  };
  return { fetch, requests };
}

export const ok = (body: string): FetchStep => ({ status: 200, body, headers: { 'content-type': 'application/json' } });
