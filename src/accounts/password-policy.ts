/** Length limits for passwords: long enough to resist guessing, short enough that hashing stays cheap. */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/**
 * Obvious passwords and the stems people pad to reach 12 characters
 * ("password1234", "qwertyuiop12"). Compared after lower-casing and removing
 * trailing digits and punctuation.
 */
const DENIED_STEMS = new Set([
  'password', 'passw0rd', 'p@ssword', 'p@ssw0rd', 'passwort', 'motdepasse', 'contraseña', 'wachtwoord',
  'qwerty', 'qwertyuiop', 'qwertyuiopasdfghjkl', 'asdfghjkl', 'zxcvbnm', 'azerty', 'qwertz', '1qaz2wsx', 'qazwsx',
  'letmein', 'welcome', 'welcometo', 'iloveyou', 'admin', 'administrator', 'changeme', 'default', 'secret',
  'trustno', 'monkey', 'dragon', 'football', 'baseball', 'soccer', 'sunshine', 'princess', 'starwars',
  'superman', 'batman', 'master', 'shadow', 'whatever', 'freedom', 'abc', 'abcdef', 'abcdefgh',
  'abcdefghijkl', 'abcdefghijklmnopqrstuvwxyz', 'correcthorsebatterystaple', 'hello', 'helloworld', 'login',
  'access', 'editor', 'reviewer', 'atoz', 'scleroderma', 'doctor', 'medical', 'health', 'hospital',
  'nurse', 'patient', 'charity', 'summer', 'winter', 'spring', 'autumn', 'january', 'december', 'computer',
  'internet', 'google', 'facebook', 'microsoft', 'apple', 'samsung', 'michael', 'jennifer', 'jessica', 'charlie',
]);

/** Why a proposed password is refused, or null when it is acceptable. Messages say how to fix it. */
export function passwordProblem(password: string, personal: { email?: string; name?: string } = {}): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `Enter a password of at least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words make a good one.`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Enter a password of at most ${PASSWORD_MAX_LENGTH} characters.`;
  if (password.trim() === '') return 'Enter a password that is not only spaces.';
  const lower = password.toLowerCase();
  if (new Set(lower).size <= 3) return 'Choose a password with more variety: this one repeats the same few characters.';
  if (/^\d+$/.test(lower) || isSequence(lower)) return 'Choose a password that is not a run of digits or a keyboard sequence.';
  const stem = lower.replace(/[\d\W_]+$/u, '').replace(/^[\d\W_]+/u, '');
  if (DENIED_STEMS.has(stem) || DENIED_STEMS.has(lower)) return 'That password is one of the first that attackers try. Choose another one.';
  const local = personal.email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'Choose a password that does not contain your e-mail address.';
  const name = personal.name?.toLowerCase().replace(/\s+/g, '') ?? '';
  if (name.length >= 4 && lower.replace(/\s+/g, '').includes(name)) return 'Choose a password that does not contain your name.';
  return null;
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
