import { describe, expect, test } from 'vitest';
import { createI18n } from '../../i18n/localizer.js';
import { passwordProblem } from '../password-policy.js';
import { accountsText } from './index.js';

const i18n = createI18n();
const text = (lang: 'en' | 'es' | 'fr' | 'ar') => i18n.forLang(lang).text(accountsText);

describe('accounts messages in use', () => {
  test('lockout minutes take each language’s plural forms (Arabic: one, two, few, many)', () => {
    const minutes = (lang: 'en' | 'es' | 'fr' | 'ar', n: number) => text(lang)('currentPasswordLocked', { minutes: n });
    expect(minutes('en', 1)).toContain('in 1 minute.');
    expect(minutes('en', 15)).toContain('in 15 minutes.');
    expect(minutes('es', 1)).toContain('dentro de 1 minuto.');
    expect(minutes('fr', 15)).toContain('dans 15 minutes.');
    expect(minutes('ar', 1)).toContain('بعد دقيقة واحدة');
    expect(minutes('ar', 2)).toContain('بعد دقيقتين');
    expect(minutes('ar', 5)).toContain('بعد 5 دقائق');
    expect(minutes('ar', 15)).toContain('بعد 15 دقيقة');
  });

  test('a refused password says why in the form’s language', () => {
    expect(passwordProblem('short', {}, text('es'))).toBe('Escriba una contraseña de al menos 12 caracteres. Unas cuantas palabras sin relación entre sí forman una buena contraseña.');
    expect(passwordProblem('password1234', {}, text('fr'))).toMatch(/^Ce mot de passe fait partie des premiers qu’essaient les attaquants : il figure sur des listes publiques/);
    expect(passwordProblem('qwertyqwerty', {}, text('ar'))).toContain('من أول ما يجرّبه المهاجمون');
    // English stays the default (the command line).
    expect(passwordProblem('password1234')).toContain('leaked from other websites');
  });

  test('roles are named in each language, and an unknown role is shown as it is', () => {
    expect(text('es')('roleName', { role: 'reviewer' })).toBe('revisor');
    expect(text('ar')('roleName', { role: 'admin' })).toBe('مسؤول');
    expect(text('fr')('roleName', { role: 'translator' })).toBe('traducteur');
    expect(text('fr')('roleName', { role: 'chef' })).toBe('chef');
  });
});
