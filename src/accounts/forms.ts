import type { Context } from 'hono';
import { z } from 'zod';
import { splitLangPrefix } from '../i18n/languages.js';
import type { Role } from './context.js';
import type { AccountsText } from './messages/index.js';
import { passwordProblem } from './password-policy.js';
import { isRole } from './users.js';
import type { FieldError } from './views/form-parts.js';

/** The string fields of a submitted form (files and repeats ignored; _csrf already checked). */
export async function formFields(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}

const EMAIL_MAX = 254;
const NAME_MAX = 100;
const Email = z.email().max(EMAIL_MAX);

/** Messages come in the form's language (`t`, the accounts catalogue); `missing` says whose address is asked for. */
function emailProblem(t: AccountsText, email: string, missing: 'emailMissingYours' | 'emailMissingTheirs'): string | null {
  if (!email) return t(missing);
  const parsed = Email.safeParse(email);
  if (parsed.success) return null;
  return parsed.error.issues[0]!.code === 'too_big' ? t('emailTooLong', { max: EMAIL_MAX }) : t('emailFormat');
}

function nameProblem(t: AccountsText, name: string, missing: 'nameMissingYours' | 'nameMissingTheirs'): string | null {
  if (!name) return t(missing);
  if (name.length > NAME_MAX) return t('nameTooLong', { max: NAME_MAX });
  return null;
}

/** Only paths on this site, never "//evil.example" or "/\evil.example": no open redirect after sign-in. */
export function safeNext(next: string | undefined, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\\]/.test(next) || next.length > 2000) return fallback;
  // In any language: "/es/login" is the sign-in form too.
  const bare = splitLangPrefix(next).path;
  if (bare === '/login' || bare.startsWith('/login?') || bare.startsWith('/logout')) return fallback;
  return next;
}

export interface Parsed<T> {
  values: T;
  errors: FieldError[];
}

export function parseLogin(f: Record<string, string>, t: AccountsText): Parsed<{ email: string; password: string; next: string }> {
  const values = { email: (f.email ?? '').trim().slice(0, 1000), password: (f.password ?? '').slice(0, 1000), next: safeNext(f.next) };
  const errors: FieldError[] = [];
  const email = emailProblem(t, values.email, 'emailMissingYours');
  if (email) errors.push({ field: 'email', message: email });
  if (!values.password) errors.push({ field: 'password', message: t('passwordMissing') });
  return { values, errors };
}

/** A new password typed twice, checked against the policy. */
function newPasswordErrors(t: AccountsText, password: string, confirm: string, personal: { email?: string; name?: string }, field = 'password'): FieldError[] {
  const problem = passwordProblem(password, personal, t);
  if (problem) return [{ field, message: problem }];
  if (password !== confirm) return [{ field: `${field}-confirm`, message: t('passwordsDiffer') }];
  return [];
}

export function parsePasswordChange(f: Record<string, string>, user: { email: string; name: string }, t: AccountsText): Parsed<{ current: string; password: string }> {
  const values = { current: f.current ?? '', password: f.password ?? '' };
  const errors: FieldError[] = [];
  if (!values.current) errors.push({ field: 'current', message: t('currentPasswordMissing') });
  errors.push(...newPasswordErrors(t, values.password, f['password-confirm'] ?? '', user));
  if (!errors.length && values.password === values.current) errors.push({ field: 'password', message: t('passwordSameAsCurrent') });
  return { values, errors };
}

export function parseAcceptInvitation(f: Record<string, string>, email: string, t: AccountsText): Parsed<{ name: string; password: string }> {
  const values = { name: (f.name ?? '').trim(), password: f.password ?? '' };
  const errors: FieldError[] = [];
  const name = nameProblem(t, values.name, 'nameMissingYours');
  if (name) errors.push({ field: 'name', message: name });
  errors.push(...newPasswordErrors(t, values.password, f['password-confirm'] ?? '', { email, name: values.name }));
  return { values, errors };
}

export interface InviteValues {
  name: string;
  email: string;
  role: Role | '';
}

export function parseInvite(f: Record<string, string>, t: AccountsText): Parsed<InviteValues> {
  const role = f.role ?? '';
  const values: InviteValues = { name: (f.name ?? '').trim(), email: (f.email ?? '').trim(), role: isRole(role) ? role : '' };
  const errors: FieldError[] = [];
  const name = nameProblem(t, values.name, 'nameMissingTheirs');
  if (name) errors.push({ field: 'invite-name', message: name });
  const email = emailProblem(t, values.email, 'emailMissingTheirs');
  if (email) errors.push({ field: 'invite-email', message: email });
  if (!values.role) errors.push({ field: 'role-editor', message: t('roleMissingInvite') });
  return { values, errors };
}

