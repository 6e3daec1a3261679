/**
 * Spam defence that needs no third party: a honeypot field people never see
 * (bots fill every field), and a minimum time between opening a form and
 * sending it, carried in a signed hidden field so every server can check it.
 */
import { hmacBase64url, safeEqual } from '../accounts/tokens.js';

/** The hidden field a person leaves empty. */
export const HONEYPOT_FIELD = 'website';
export const STARTED_FIELD = '_started';
/** Quicker than this from opening the form to sending it is not a person typing. */
export const MINIMUM_TYPING_MS = 3000;

/** The value of the signed "form opened at" field. */
export function formStarted(key: Buffer, at: Date): string {
  const ms = String(at.getTime());
  return `${ms}.${hmacBase64url(key, `form-started:${ms}`)}`;
}

export type SpamProblem = 'honeypot' | 'tooFast' | 'formExpired';

/** Why a sent form looks automated, or null. A missing or forged timestamp counts as too fast: the form comes back for another try. */
export function spamProblem(fields: Record<string, string>, key: Buffer, now: Date, minimumMs = MINIMUM_TYPING_MS): SpamProblem | null {
  if ((fields[HONEYPOT_FIELD] ?? '').trim() !== '') return 'honeypot';
  const [ms, signature] = (fields[STARTED_FIELD] ?? '').split('.');
  if (!ms || !signature || !/^\d{1,15}$/.test(ms) || !safeEqual(signature, hmacBase64url(key, `form-started:${ms}`))) return 'tooFast';
  const elapsed = now.getTime() - Number(ms);
  if (elapsed < minimumMs) return 'tooFast';
  if (elapsed > 24 * 60 * 60 * 1000) return 'formExpired';
  return null;
}
