import { describe, expect, test } from 'vitest';
import { isSafeLink } from './links.js';

describe('safe link targets', () => {
  test.each(['/support', '/directory/a-z?x=1#top', '#main', 'https://example.org/donate', 'HTTP://example.org', 'mailto:help@example.org'])('accepts %j', (href) => {
    expect(isSafeLink(href)).toBe(true);
  });

  test.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    '/\\evil.example/x',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'https:evil.example',
    'https://',
    'tel:+15550100',
    'support',
    '',
  ])('refuses %j', (href) => {
    expect(isSafeLink(href)).toBe(false);
  });

  test('can be narrowed to web addresses only', () => {
    expect(isSafeLink('https://example.org', ['web'])).toBe(true);
    expect(isSafeLink('/support', ['web'])).toBe(false);
    expect(isSafeLink('mailto:a@example.org', ['web'])).toBe(false);
  });
});
