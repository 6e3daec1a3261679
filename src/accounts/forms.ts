import type { Context } from 'hono';
import { z } from 'zod';
import type { Role } from './context.js';
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

const Email = z.email({ error: 'Enter an e-mail address in the right format, like name@example.org' }).max(254, 'Enter an e-mail address of at most 254 characters');

function emailProblem(email: string, missing: string): string | null {
  if (!email) return missing;
  const parsed = Email.safeParse(email);
  return parsed.success ? null : parsed.error.issues[0]!.message;
}

function nameProblem(name: string): string | null {
  if (!name) return 'Enter a name';
  if (name.length > 100) return 'Enter a name of at most 100 characters';
  return null;
}

/** Only paths on this site, never "//evil.example" or "/\evil.example": no open redirect after sign-in. */
export function safeNext(next: string | undefined, fallback = '/dashboard'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || /[\u0000-\u001f\\]/.test(next) || next.length > 2000) return fallback;
  if (next === '/login' || next.startsWith('/login?') || next.startsWith('/logout')) return fallback;
  return next;
}

export interface Parsed<T> {
  values: T;
  errors: FieldError[];
}

export function parseLogin(f: Record<string, string>): Parsed<{ email: string; password: string; next: string }> {
  const values = { email: (f.email ?? '').trim().slice(0, 1000), password: (f.password ?? '').slice(0, 1000), next: safeNext(f.next) };
  const errors: FieldError[] = [];
  const email = emailProblem(values.email, 'Enter your e-mail address');
  if (email) errors.push({ field: 'email', message: email });
  if (!values.password) errors.push({ field: 'password', message: 'Enter your password' });
  return { values, errors };
}

/** A new password typed twice, checked against the policy. */
function newPasswordErrors(password: string, confirm: string, personal: { email?: string; name?: string }, field = 'password'): FieldError[] {
  const problem = passwordProblem(password, personal);
  if (problem) return [{ field, message: problem }];
  if (password !== confirm) return [{ field: `${field}-confirm`, message: 'The two passwords are different. Type the same password twice.' }];
  return [];
}

export function parsePasswordChange(f: Record<string, string>, user: { email: string; name: string }): Parsed<{ current: string; password: string }> {
  const values = { current: f.current ?? '', password: f.password ?? '' };
  const errors: FieldError[] = [];
  if (!values.current) errors.push({ field: 'current', message: 'Enter your current password' });
  errors.push(...newPasswordErrors(values.password, f['password-confirm'] ?? '', user));
  if (!errors.length && values.password === values.current) errors.push({ field: 'password', message: 'Choose a new password different from your current one.' });
  return { values, errors };
}

export function parseAcceptInvitation(f: Record<string, string>, email: string): Parsed<{ name: string; password: string }> {
  const values = { name: (f.name ?? '').trim(), password: f.password ?? '' };
  const errors: FieldError[] = [];
  const name = nameProblem(values.name);
  if (name) errors.push({ field: 'name', message: name === 'Enter a name' ? 'Enter your name' : name });
  errors.push(...newPasswordErrors(values.password, f['password-confirm'] ?? '', { email, name: values.name }));
  return { values, errors };
}

export interface InviteValues {
  name: string;
  email: string;
  role: Role | '';
}

export function parseInvite(f: Record<string, string>): Parsed<InviteValues> {
  const role = f.role ?? '';
  const values: InviteValues = { name: (f.name ?? '').trim(), email: (f.email ?? '').trim(), role: isRole(role) ? role : '' };
  const errors: FieldError[] = [];
  const name = nameProblem(values.name);
  if (name) errors.push({ field: 'invite-name', message: name === 'Enter a name' ? 'Enter the person’s name' : name });
  const email = emailProblem(values.email, 'Enter the person’s e-mail address');
  if (email) errors.push({ field: 'invite-email', message: email });
  if (!values.role) errors.push({ field: 'role-editor', message: 'Choose what the person will do' });
  return { values, errors };
}

