import { createI18n } from '../i18n/localizer.js';
import { isCommonPassword, isKeyboardWalk } from './common-passwords.js';
import { type AccountsText, accountsText } from './messages/index.js';

/** Length limits for passwords: long enough to resist guessing, short enough that hashing stays cheap. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Words attackers guess for a site like this one (its name, its subject, its
 * people). The general list of breached passwords is in common-passwords.ts.
 */
const SITE_WORDS = new Set([
  'atoz', 'atozatoz', 'scleroderma', 'sclerodermia', 'systemicsclerosis', 'raynaud', 'raynauds', 'lupus', 'autoimmune',
  'editor', 'reviewer', 'administrator', 'directory', 'medicaldirectory', 'medical', 'health', 'healthcare', 'hospital',
  'doctor', 'nurse', 'patient', 'patients', 'charity', 'nonprofit', 'volunteer', 'volunteers', 'network', 'support',
]);

/**
 * Why a proposed password is refused, or null when it is acceptable. Messages
 * say how to fix it, in the language of `t` (English by default: the command
 * line and tests).
 */
export function passwordProblem(password: string, personal: { email?: string; name?: string } = {}, t: AccountsText = createI18n().forLang('en').text(accountsText)): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return t('passwordTooShort', { min: PASSWORD_MIN_LENGTH });
  if (password.length > PASSWORD_MAX_LENGTH) return t('passwordTooLong', { max: PASSWORD_MAX_LENGTH });
  if (password.trim() === '') return t('passwordOnlySpaces');
  const lower = password.normalize('NFKC').toLowerCase();
  if (new Set(lower).size <= 3) return t('passwordLowVariety');
  if (/^\d+$/.test(lower) || isSequence(lower)) return t('passwordSequence');
  const guessable = guessableBecause(lower);
  if (guessable) return t('passwordGuessable', { reason: t(guessable) });
  const local = personal.email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return t('passwordContainsEmail');
  const name = personal.name?.toLowerCase().replace(/\s+/g, '') ?? '';
  if (name.length >= 4 && lower.replace(/\s+/g, '').includes(name)) return t('passwordContainsName');
  return null;
}

type GuessableReason = 'passwordReasonBreached' | 'passwordReasonRepeated' | 'passwordReasonKeyboard' | 'passwordReasonSiteWord' | 'passwordReasonDecorated' | 'passwordReasonKeyboardDecorated';

/**
 * Why a lower-cased password is among the first guesses, or null. Attackers
 * try the breached lists and then the same words made "stronger" the usual
 * ways, so the password is compared as typed and after undoing those:
 * repeats ("monkeymonkey"), digits and symbols around it ("Dragon2024!!!"),
 * look-alike characters ("p@ssw0rd"), spaces.
 */
function guessableBecause(lower: string): GuessableReason | null {
  const known = (s: string) => s.length > 0 && (isCommonPassword(s) || SITE_WORDS.has(s));
  if (isCommonPassword(lower)) return 'passwordReasonBreached';
  const squeezed = lower.replace(/\s+/g, '');
  const core = stem(squeezed);
  for (const unit of [repeatedUnit(squeezed), repeatedUnit(core)]) {
    if (unit && (known(unit) || known(stem(unit)) || known(unLeet(stem(unit))) || isKeyboardWalk(unit))) return 'passwordReasonRepeated';
  }
  if (isKeyboardWalk(squeezed)) return 'passwordReasonKeyboard';
  if ([squeezed, core, unLeet(core)].some((s) => SITE_WORDS.has(s))) return 'passwordReasonSiteWord';
  if (known(squeezed) || known(core) || known(unLeet(squeezed)) || known(unLeet(core))) return 'passwordReasonDecorated';
  if (core.length >= 3 && isKeyboardWalk(core)) return 'passwordReasonKeyboardDecorated';
  return null;
}

/** The text without the digits and symbols people pad a password with, front and back. */
function stem(s: string): string {
  return s.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
}

/** "monkeymonkey" → "monkey"; null when the text is not one piece repeated. */
function repeatedUnit(s: string): string | null {
  const match = /^(.+?)\1+$/su.exec(s);
  return match ? match[1]! : null;
}

/** "p@ssw0rd" → "password": the look-alike characters people swap in. */
function unLeet(s: string): string {
  return s.replace(/[@4]/g, 'a').replace(/3/g, 'e').replace(/[1!|]/g, 'i').replace(/0/g, 'o').replace(/[$5]/g, 's').replace(/7/g, 't');
}

/** "123456789012", "abcdefghijkl", "987654321098": each character one step from the last. */
function isSequence(s: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const step = (s.charCodeAt(i) - s.charCodeAt(i - 1) + 10) % 10;
    const diff = s.charCodeAt(i) - s.charCodeAt(i - 1);
    const digits = /\d/.test(s[i]!) && /\d/.test(s[i - 1]!);
    if (!(digits ? step === 1 : diff === 1)) up = false;
    if (!(digits ? step === 9 : diff === -1)) down = false;
  }
  return up || down;
}
