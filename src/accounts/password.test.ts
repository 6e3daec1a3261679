import { describe, expect, test } from 'vitest';
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword } from './password.js';
import { passwordProblem } from './password-policy.js';

describe('password hashing', () => {
  test('stores scrypt with its parameters and a per-user salt, and verifies', async () => {
    const hash = await hashPassword('orange kettle sunrise 7');
    const [scheme, N, r, p, salt, key] = hash.split('$');
    expect(scheme).toBe('scrypt');
    expect(Number(N)).toBeGreaterThanOrEqual(2 ** 15);
    expect([Number(r), Number(p)]).toEqual([8, 1]);
    expect(Buffer.from(salt!, 'base64url').length).toBe(16);
    expect(Buffer.from(key!, 'base64url').length).toBe(32);
    expect(hash).not.toContain('orange');
    expect(await verifyPassword('orange kettle sunrise 7', hash)).toBe(true);
    expect(await verifyPassword('orange kettle sunrise 8', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  test('the same password gets a different salt and hash each time', async () => {
    const [a, b] = await Promise.all([hashPassword('same password here'), hashPassword('same password here')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  test('verification uses the stored parameters, so old hashes keep working after a raise', async () => {
    const old = await hashPassword('legacy passphrase 1', { N: 2 ** 10, r: 8, p: 1 });
    expect(old.split('$')[1]).toBe('1024');
    expect(await verifyPassword('legacy passphrase 1', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword('x', DEFAULT_SCRYPT))).toBe(false);
  });

  test('composed and decomposed accents are the same password (NFC)', async () => {
    const hash = await hashPassword('caf\u00e9 au lait rouge', { N: 2 ** 10, r: 8, p: 1 });
    expect(await verifyPassword('cafe\u0301 au lait rouge', hash)).toBe(true);
  });

  test('a tampered or malformed stored hash never matches and never throws', async () => {
    const hash = await hashPassword('tamper test pass', { N: 2 ** 10, r: 8, p: 1 });
    const parts = hash.split('$');
    const flipped = [...parts.slice(0, 5), Buffer.from(Buffer.from(parts[5]!, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url')].join('$');
    expect(await verifyPassword('tamper test pass', flipped)).toBe(false);
    for (const bad of ['', 'plain', 'scrypt$1024$8$1$x', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', `scrypt$${2 ** 30}$8$1$${parts[4]}$${parts[5]}`, 'bcrypt$2$8$1$a$b']) {
      expect(await verifyPassword('tamper test pass', bad)).toBe(false);
    }
  });
});

describe('password policy', () => {
  test('accepts long, ordinary passphrases', () => {
    expect(passwordProblem('correct mule battery staple')).toBeNull();
    expect(passwordProblem('Tr0ub4dor&3xyz')).toBeNull();
  });

  test.each([
    ['short', 'at least 12 characters'],
    ['password1234', 'first that attackers try'],
    ['Password!!!!', 'first that attackers try'],
    ['qwertyuiop12', 'first that attackers try'],
    ['123456789012', 'run of digits'],
    ['abcdefghijklm', 'keyboard sequence'],
    ['aaaaaaaaaaaaaaaa', 'more variety'],
    ['            ', 'not only spaces'],
    ['x'.repeat(257), 'at most 256'],
  ])('refuses %j', (password, reason) => {
    expect(passwordProblem(password)).toContain(reason);
  });

  test.each(['1q2w3e4r5t6y', 'passwordpassword', 'qwertyqwerty', 'monkeymonkey', '1qaz2wsx3edc', 'letmeinletmein'])('refuses the breached password %j, saying why', (password) => {
    expect(passwordProblem(password)).toMatch(/first that attackers try: .*(leaked|keyboard)/);
  });

  test.each([
    ['MonkeyMonkey', 'typed twice or more'],
    ['PASSWORDPASSWORDPASSWORD', 'typed twice or more'],
    ['Dragondragon!', 'typed twice or more'],
    ['Dragon2024!!!', 'capitals, digits or symbols added'],
    ['sunshine sunshine', 'typed twice or more'],
    ['P@ssw0rd2024!', 'capitals, digits or symbols added'],
    ['iloveyou1234', 'capitals, digits or symbols added'],
    ['mju7nhy6bgt5', 'keys next to each other'],
    ['cde3xsw2zaq1', 'keys next to each other'],
    ['zxcvasdfqwer', 'keys next to each other'],
    ['asdfasdfasdfasdf', 'typed twice or more'],
    ['trustno1trustno1', 'typed twice or more'],
    ['Scleroderma2024!', 'a word about this site'],
  ])('sees through repeats, capitals, padding and keyboard walks: %j', (password, reason) => {
    expect(passwordProblem(password)).toContain(reason);
  });

  test('does not mistake ordinary passphrases for leaked passwords', () => {
    for (const password of ['correct mule battery staple 42', 'lantern otter quarry 31', 'orange kettle sunrise 7', 'my cat naps on warm laundry', 'Reading glasses by the window']) {
      expect(passwordProblem(password), password).toBeNull();
    }
  });

  test('refuses passwords built on the person’s own e-mail or name', () => {
    expect(passwordProblem('jane.doe-rocks-2024', { email: 'Jane.Doe@example.org' })).toContain('e-mail');
    expect(passwordProblem('my name is MaryJones!', { name: 'Mary Jones' })).toContain('name');
  });
});
